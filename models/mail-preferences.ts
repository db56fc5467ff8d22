// What a member chooses to receive by email, per kind of notification (shared by the models, the
// mail worker and the profile page).
import type { NotificationKind } from "./notification-kinds";

export const mailCategories = ["decisions", "mentions", "replies", "follows", "moderation"] as const;
export type MailCategory = (typeof mailCategories)[number];
export const mailCadences = ["immediate", "daily", "weekly", "never"] as const;
export type MailCadence = (typeof mailCadences)[number];
export type MailPrefs = Record<MailCategory, MailCadence>;

export const defaultMailPrefs: MailPrefs = {
  decisions: "immediate",
  mentions: "immediate",
  replies: "daily",
  follows: "weekly",
  moderation: "immediate",
};

const categoryByKind: Record<NotificationKind, MailCategory> = {
  "practice-decision": "decisions",
  "evaluation-requested": "decisions",
  "practice-stale": "decisions",
  "held-approved": "decisions",
  "report-resolved": "decisions",
  mention: "mentions",
  quote: "mentions",
  reply: "replies",
  "followed-reply": "replies",
  "new-thread": "replies",
  "call-opened": "follows",
  "practice-submitted": "moderation",
  "report-new": "moderation",
  "post-held": "moderation",
};

export const categoryOf = (kind: NotificationKind): MailCategory => categoryByKind[kind] ?? "decisions";
export const isMailCategory = (v: unknown): v is MailCategory => typeof v === "string" && (mailCategories as readonly string[]).includes(v);
export const isMailCadence = (v: unknown): v is MailCadence => typeof v === "string" && (mailCadences as readonly string[]).includes(v);

/** A member's preferences with the defaults filled in (documents written before a category existed). */
export function mailPrefsOf(stored: Partial<Record<string, unknown>> | null | undefined): MailPrefs {
  const out = { ...defaultMailPrefs };
  for (const c of mailCategories) {
    const v = stored?.[c];
    if (isMailCadence(v)) out[c] = v;
  }
  return out;
}

/** Whether a time zone name is one this runtime knows (IANA names such as Africa/Nairobi). */
// Zones found valid (building a formatter to ask is the costly part); capped, since any casing
// of a zone's name is valid too.
const validZones = new Set<string>();
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz.length > 64 || !tz) return false;
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
  } catch {
    return false;
  }
  if (validZones.size >= 1024) validZones.clear();
  validZones.add(tz);
  return true;
}
