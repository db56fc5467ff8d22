// Email for notifications, routed by the mail worker off the request path: every new
// notification is `mailPending`; the worker queues an email for those whose member chose
// "immediately" for its category (daily and weekly choices are the digest duty's,
// mail-digest.server.ts), then clears the flag. Queueing is keyed by the notification, so a
// crash between the two steps sends once.
import type { Types } from "mongoose";
import { connectDb } from "./db.server";
import { categoryOf, mailPrefsOf } from "./mail-preferences";
import { enqueueMail } from "./mail-queue.server";
import type { NotificationKind } from "./notification-kinds";

interface PendingNotification {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: NotificationKind;
  url: string;
  params: Record<string, string | number>;
}

async function route(n: PendingNotification): Promise<boolean> {
  const { User } = await import("./user.server");
  const user = await User.findById(n.userId).select("email displayName locale mailPrefs disabledAt").lean();
  if (!user || user.disabledAt) return false;
  const category = categoryOf(n.kind);
  if (mailPrefsOf(user.mailPrefs as Record<string, unknown>)[category] !== "immediate") return false;
  return enqueueMail({
    key: `notification:${String(n._id)}`,
    template: "notification",
    to: user.email,
    toName: user.displayName,
    locale: user.locale ?? "en",
    userId: String(user._id),
    params: { kind: n.kind, params: n.params, url: n.url, category },
  });
}

/** Routes up to `limit` pending notifications; returns how many emails were queued. */
export async function routeNotificationMail(limit = 200): Promise<number> {
  await connectDb();
  const { Notification } = await import("./notification.server");
  const pending = await Notification.find({ mailPending: true }).limit(limit).lean<PendingNotification[]>();
  let queued = 0;
  for (const n of pending) {
    if (await route(n)) queued++;
    await Notification.updateOne({ _id: n._id }, { $unset: { mailPending: 1 } });
  }
  return queued;
}
