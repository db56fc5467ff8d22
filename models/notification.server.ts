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
    /** Not yet looked at by the mail worker (models/notification-mail.server.ts); removed once routed. */
    mailPending: { type: Boolean, default: true },
  },
  { timestamps: true },
);
notificationSchema.index({ userId: 1, readAt: 1, createdAt: -1 });
notificationSchema.index({ mailPending: 1 });

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

/** Records an in-app notification. Its email (when the member wants one) is the mail worker's
 *  business: every new notification is `mailPending` until the worker has routed it. */
export async function notify(userId: string | Types.ObjectId, kind: NotificationKind, url: string, params: Record<string, string | number> = {}) {
  await Notification.create({ userId, kind, url, params });
}
