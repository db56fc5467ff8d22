// In-app notifications.
import mongoose, { Schema, type Model, Types } from "mongoose";

import { notificationKinds, type NotificationKind } from "./notification-kinds";
export { notificationKinds, type NotificationKind } from "./notification-kinds";

const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    kind: { type: String, required: true },
    /** i18n params: titles, names, decision… */
    params: { type: Schema.Types.Mixed, default: {} },
    url: { type: String, default: "/" },
    readAt: { type: Date, default: null },
  },
  { timestamps: true },
);
notificationSchema.index({ userId: 1, readAt: 1, createdAt: -1 });

export interface NotificationDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: NotificationKind;
  params: Record<string, string | number>;
  url: string;
  readAt: Date | null;
  createdAt: Date;
}
export const Notification: Model<NotificationDoc> =
  (mongoose.models.Notification as Model<NotificationDoc>) ?? mongoose.model<NotificationDoc>("Notification", notificationSchema);

export async function notify(userId: string | Types.ObjectId, kind: NotificationKind, url: string, params: Record<string, string | number> = {}) {
  await Notification.create({ userId, kind, url, params });
}
