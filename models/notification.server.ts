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
// The inbox, newest first: one page of this index (decision 059).
notificationSchema.index({ userId: 1, createdAt: -1, _id: -1 });

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

export type NewNotification = { userId: string | Types.ObjectId; kind: NotificationKind; url: string; params: Record<string, string | number> };

/** The users collection, reached without importing the User model (which stands on models that
 *  notify: an import cycle). */
const users = () => mongoose.connection.collection<{ _id: Types.ObjectId; unreadNotifications?: number }>("users");

/** Adds to members' unread counters (`users.unreadNotifications`, the header's badge), by
 *  `$inc`: concurrent notifications and reads never lose one (decision 058). */
export async function bumpUnread(by: Map<string, number>) {
  const ops = [...by].filter(([, n]) => n !== 0).map(([id, n]) => ({ updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $inc: { unreadNotifications: n } } } }));
  if (ops.length) await users().bulkWrite(ops, { ordered: false });
}

/**
 * Records in-app notifications and counts them on their members' unread counters. Their email
 * (when the member wants one) is the mail worker's business: every new notification is
 * `mailPending` until the worker has routed it. When some cannot be stored, those that were are
 * still counted, and the error is thrown.
 */
export async function recordNotifications(list: NewNotification[]) {
  if (!list.length) return;
  let stored: { userId: unknown }[];
  let failure: unknown = null;
  try {
    stored = await Notification.insertMany(list.map((n) => ({ ...n, readAt: null })), { ordered: false });
  } catch (e) {
    failure = e;
    stored = ((e as { insertedDocs?: { userId: unknown }[] }).insertedDocs ?? []) as { userId: unknown }[];
  }
  const by = new Map<string, number>();
  for (const n of stored) by.set(String(n.userId), (by.get(String(n.userId)) ?? 0) + 1);
  await bumpUnread(by);
  if (failure) throw failure;
}

/** Records one in-app notification (see recordNotifications). */
export async function notify(userId: string | Types.ObjectId, kind: NotificationKind, url: string, params: Record<string, string | number> = {}) {
  await recordNotifications([{ userId, kind, url, params }]);
}
