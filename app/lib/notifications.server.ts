import { Types } from "mongoose";
import { connectDb } from "../../models/db.server";
import { Notification } from "../../models/notification.server";

export async function unreadCount(userId: string): Promise<number> {
  await connectDb();
  return Notification.countDocuments({ userId, readAt: null });
}

/** A member's notifications, newest first. */
export async function listNotifications(userId: string, page: number, perPage: number) {
  await connectDb();
  const [total, docs] = await Promise.all([
    Notification.countDocuments({ userId }),
    Notification.find({ userId }).sort({ createdAt: -1, _id: -1 }).skip((page - 1) * perPage).limit(perPage).lean(),
  ]);
  return {
    total,
    items: docs.map((n) => ({
      id: String(n._id),
      kind: String(n.kind),
      params: (n.params ?? {}) as Record<string, string | number>,
      // Only in-site links: a stored url that is not a path becomes the home page.
      url: typeof n.url === "string" && n.url.startsWith("/") && !n.url.startsWith("//") ? n.url : "/",
      read: Boolean(n.readAt),
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export async function markRead(userId: string, id: string) {
  await connectDb();
  if (!/^[a-f0-9]{24}$/i.test(id)) return;
  await Notification.updateOne({ _id: new Types.ObjectId(id), userId, readAt: null }, { $set: { readAt: new Date() } });
}

export async function markAllRead(userId: string) {
  await connectDb();
  await Notification.updateMany({ userId, readAt: null }, { $set: { readAt: new Date() } });
}
