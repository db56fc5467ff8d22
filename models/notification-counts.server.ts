// The repair of members' unread counters (decision 058). Each notification adds one when stored
// and takes one off when read, by `$inc`; a process that stops between the two writes, or two
// "mark all read" of one inbox at once, leaves a counter off. This pass recounts every inbox and
// sets the counters that differ, once per database (a migration) and then every
// HUB_COUNTER_REPAIR_MS (10 minutes) in each app process.
import { Types } from "mongoose";
import { connectDb } from "./db.server";
import { log } from "./log.server";
import { Notification } from "./notification.server";
import { User } from "./user.server";

// The raw collection: accounts stored before the counter have no field (mongoose would fill in
// the schema's default and hide that).
const users = () => User.collection;

/** Recounts unread notifications per member and sets each counter that differs; returns how
 *  many were set. A counter is set only if it still holds what was read before the recount, so
 *  a notification or a read meanwhile is never overwritten (the next pass looks again). */
export async function repairUnreadCounts(): Promise<number> {
  await connectDb();
  const stored = await users().find({}, { projection: { _id: 1, unreadNotifications: 1 } }).toArray();
  const counted = await Notification.aggregate<{ _id: Types.ObjectId; n: number }>([{ $match: { readAt: null } }, { $group: { _id: "$userId", n: { $sum: 1 } } }]);
  const actual = new Map(counted.map((c) => [String(c._id), c.n]));
  let set = 0;
  for (const u of stored) {
    const n = actual.get(String(u._id)) ?? 0;
    if (u.unreadNotifications === n) continue;
    const was = typeof u.unreadNotifications === "number" ? u.unreadNotifications : { $exists: false };
    const r = await users().updateOne({ _id: u._id, unreadNotifications: was as number }, { $set: { unreadNotifications: n } });
    set += r.modifiedCount;
  }
  return set;
}

let timer: NodeJS.Timeout | null = null;
let running: Promise<unknown> = Promise.resolve();

export function startCounterRepair() {
  const every = Number(process.env.HUB_COUNTER_REPAIR_MS || 600_000);
  if (timer || !(every > 0)) return;
  timer = setInterval(() => {
    running = repairUnreadCounts().then(
      (n) => n && log.info({ component: "counters", set: n }, "unread counters recounted"),
      (e) => log.warn({ component: "counters", error: (e as Error).message }, "unread counters: recount failed"),
    );
  }, every);
  timer.unref();
}

export async function stopCounterRepair() {
  if (timer) clearInterval(timer);
  timer = null;
  await running;
}
