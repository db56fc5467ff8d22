// Digests: one message listing what happened in the categories a member chose "daily digest" or
// "weekly digest" for, sent at the member's chosen hour in their time zone (weekly: on Mondays).
// Each digest covers (last digest, this slot]; its mail job is keyed by member, cadence and slot,
// so running the duty twice, or on two instances, sends it once.
import type { Types } from "mongoose";
import { connectDb } from "./db.server";
import { categoryOf, isTimeZone, mailCategories, mailPrefsOf, type MailCategory } from "./mail-preferences";
import { enqueueMail } from "./mail-queue.server";
import { notificationKinds, type NotificationKind } from "./notification-kinds";

export type DigestCadence = "daily" | "weekly";
const DAY = 86_400_000;
const MAX_ITEMS = 50;

// A formatter costs far more to build than to use, and every slot asks five times: one per zone
// (the zones members can choose are checked by isTimeZone, so the map stays small).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterIn(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short" });
    if (formatters.size >= 1024) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar fields of an instant in a time zone. */
function localParts(at: Date, timeZone: string) {
  const parts = formatterIn(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return {
    y: Number(get("year")),
    m: Number(get("month")),
    d: Number(get("day")),
    h: Number(get("hour")),
    min: Number(get("minute")),
    s: Number(get("second")),
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(get("weekday")),
  };
}

/** The instant at which the wall clock in `timeZone` shows y-m-d h:00. */
function zonedInstant(y: number, m: number, d: number, h: number, timeZone: string): Date {
  let guess = Date.UTC(y, m - 1, d, h);
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
    guess += Date.UTC(y, m - 1, d, h) - shown;
  }
  return new Date(guess);
}

/** The latest digest slot at or before `now`: today (or this Monday) at `hour`, local time. */
export function digestSlot(now: Date, cadence: DigestCadence, timeZone: string, hour: number): Date {
  const tz = isTimeZone(timeZone) ? timeZone : "UTC";
  const p = localParts(now, tz);
  const back = cadence === "weekly" ? p.weekday : 0;
  const noon = new Date(Date.UTC(p.y, p.m - 1, p.d, 12) - back * DAY); // calendar arithmetic at noon
  let slot = zonedInstant(noon.getUTCFullYear(), noon.getUTCMonth() + 1, noon.getUTCDate(), hour, tz);
  if (slot > now) {
    const prev = new Date(noon.getTime() - (cadence === "weekly" ? 7 : 1) * DAY);
    slot = zonedInstant(prev.getUTCFullYear(), prev.getUTCMonth() + 1, prev.getUTCDate(), hour, tz);
  }
  return slot;
}

interface DigestUser {
  _id: unknown;
  email: string;
  displayName: string;
  locale?: string;
  mailPrefs?: Record<string, unknown>;
  timeZone?: string;
  digestHour?: number;
  digestSentAt?: Record<string, Date | string | null>;
  createdAt?: Date;
}

/** Queues the digests that are due at `now`; returns how many were queued. */
export async function runDigests(now = new Date(), only: { userId?: string } = {}): Promise<number> {
  await connectDb();
  const { User } = await import("./user.server");
  const { Notification } = await import("./notification.server");
  const users = await User.find(only.userId ? { _id: only.userId } : { disabledAt: null }).select("email displayName locale mailPrefs timeZone digestHour digestSentAt createdAt").lean<DigestUser[]>();
  let queued = 0;
  for (const u of users) {
    const prefs = mailPrefsOf(u.mailPrefs);
    for (const cadence of ["daily", "weekly"] as const) {
      const categories = mailCategories.filter((c) => prefs[c] === cadence);
      if (!categories.length) continue;
      const slot = digestSlot(now, cadence, u.timeZone ?? "UTC", u.digestHour ?? 8);
      const stored = u.digestSentAt?.[cadence] ?? null;
      const period = (cadence === "weekly" ? 7 : 1) * DAY;
      const floor = Math.max(slot.getTime() - period, u.createdAt ? new Date(u.createdAt).getTime() : 0);
      const since = stored ? new Date(Math.max(new Date(stored).getTime(), floor)) : new Date(floor);
      if (since >= slot) continue;
      const kinds = notificationKinds.filter((k) => (categories as MailCategory[]).includes(categoryOf(k as NotificationKind)));
      const items = await Notification.find({ userId: u._id as Types.ObjectId, kind: { $in: kinds }, createdAt: { $gt: since, $lte: slot } })
        .sort({ createdAt: 1 })
        .limit(MAX_ITEMS)
        .lean<{ kind: string; params: Record<string, unknown>; url: string }[]>();
      if (items.length) {
        const ok = await enqueueMail({
          key: `digest:${String(u._id)}:${cadence}:${slot.toISOString()}`,
          template: "digest",
          to: u.email,
          toName: u.displayName,
          locale: u.locale ?? "en",
          userId: String(u._id),
          params: { cadence, categories, items: items.map((n) => ({ kind: n.kind, params: n.params, url: n.url })) },
        });
        if (ok) queued++;
      }
      // Covered up to this slot (conditional on what was read, so two instances agree).
      await User.updateOne({ _id: u._id, [`digestSentAt.${cadence}`]: stored ?? { $exists: false } } as Record<string, unknown>, { $set: { [`digestSentAt.${cadence}`]: slot } });
    }
  }
  return queued;
}
