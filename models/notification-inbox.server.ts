// A member's inbox: the unread count of the header badge, the notifications page, marking read.
import { Types } from "mongoose";
import { connectDb } from "./db.server";
import { localPath } from "./local-path";
import { bumpUnread, Notification } from "./notification.server";
import { pageRows, pageWindow } from "./page-window";

/** The member's unread notifications, for the header's badge: their counter (decision 058),
 *  which is on the user document every page has read already; counted only for an account
 *  stored before the counter existed (until the first repair pass gives it one). */
export async function unreadCount(user: { _id: Types.ObjectId; unreadNotifications?: number | null }): Promise<number> {
  if (typeof user.unreadNotifications === "number") return Math.max(0, user.unreadNotifications);
  await connectDb();
  return Notification.countDocuments({ userId: user._id, readAt: null });
}

/** A member's notifications, newest first: one page and whether another follows it. No count of
 *  them all (on FerretDB a filtered count reads every one of the member's notifications, and an
 *  inbox only grows): the page reads one more than it shows. */
export async function listNotifications(userId: string, page: number, perPage: number) {
  await connectDb();
  const { skip, limit } = pageWindow(page, perPage);
  const { rows, hasNext } = pageRows(await Notification.find({ userId }).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean(), perPage);
  return {
    hasNext,
    items: rows.map((n) => ({
      id: String(n._id),
      kind: String(n.kind),
      params: (n.params ?? {}) as Record<string, string | number>,
      // Only in-site links: a stored url that is not a local path becomes the home page.
      url: localPath(typeof n.url === "string" ? n.url : ""),
      read: Boolean(n.readAt),
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

/** Marks one of the member's notifications read; returns where it leads (a local path only),
 *  or null when it is not theirs or does not exist. */
export async function markRead(userId: string, id: string): Promise<string | null> {
  await connectDb();
  if (!/^[a-f0-9]{24}$/i.test(id)) return null;
  const n = await Notification.findOne({ _id: new Types.ObjectId(id), userId }).select("url readAt").lean();
  if (!n) return null;
  if (!n.readAt) {
    // Only the request that turned it read takes it off the counter.
    const r = await Notification.updateOne({ _id: n._id, readAt: null }, { $set: { readAt: new Date() } });
    if (r.modifiedCount) await bumpUnread(new Map([[userId, -r.modifiedCount]]));
  }
  return localPath(typeof n.url === "string" ? n.url : "");
}

export async function markAllRead(userId: string) {
  await connectDb();
  const r = await Notification.updateMany({ userId, readAt: null }, { $set: { readAt: new Date() } });
  if (r.modifiedCount) await bumpUnread(new Map([[userId, -r.modifiedCount]]));
}
