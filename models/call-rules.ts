// Calls for practices: the pure rules (validation of an admin's form, open/upcoming/closed,
// which language to show). Errors are i18n keys in the `calls` namespace. Safe for the browser.
import { slugify } from "./slug";
import { contentLanguages, isObjective, isRegion, type ContentLanguage } from "./taxonomy";

export type Localized = Partial<Record<ContentLanguage, string>>;
export type CallState = "upcoming" | "open" | "closed";

export interface CallRawInput {
  slug: string;
  title: Record<ContentLanguage, string>;
  description: Record<ContentLanguage, string>;
  objectives: string[];
  regions: string[];
  opensAt: string;
  closesAt: string;
  contactName: string;
  contactEmail: string;
}

export interface CallValue {
  slug: string;
  title: Localized;
  description: Localized;
  objectives: number[];
  regions: string[];
  opensAt: Date;
  closesAt: Date;
  contact: { name: string; email: string };
}

export const emptyCallInput = (): CallRawInput => ({
  slug: "",
  title: Object.fromEntries(contentLanguages.map((l) => [l, ""])) as Record<ContentLanguage, string>,
  description: Object.fromEntries(contentLanguages.map((l) => [l, ""])) as Record<ContentLanguage, string>,
  objectives: [],
  regions: [],
  opensAt: "",
  closesAt: "",
  contactName: "",
  contactEmail: "",
});

export const MAX_CALL_TITLE = 200;
export const MAX_CALL_DESCRIPTION = 8000;
const EMAIL = /^[^\s@<>"']{1,64}@[^\s@<>"']{1,190}\.[a-z]{2,}$/i;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

export function slugifyCall(s: string) {
  return slugify(s, { fallback: "call" });
}

function day(s: string): Date | null | "invalid" {
  if (!s) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return "invalid";
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) return "invalid";
  return d;
}

/** Checks an admin's call form. The slug's uniqueness is checked by the caller (it needs the database). */
export function validateCall(raw: CallRawInput): { errors: Record<string, string>; value: CallValue } {
  const errors: Record<string, string> = {};
  const title: Localized = {};
  const description: Localized = {};
  for (const l of contentLanguages) {
    const t = raw.title[l].trim();
    const d = raw.description[l].trim();
    if (t.length > MAX_CALL_TITLE) errors[`title_${l}`] = "errors.tooLong";
    if (d.length > MAX_CALL_DESCRIPTION) errors[`description_${l}`] = "errors.tooLong";
    if (t) title[l] = t;
    if (d) description[l] = d;
    if (d && !t) errors[`title_${l}`] = "errors.titleForDescription";
  }
  if (!Object.keys(title).length) errors.title_en = "errors.titleRequired";
  const slug = (raw.slug.trim().toLowerCase() || slugifyCall(title.en ?? Object.values(title)[0] ?? "")).slice(0, 80);
  if (!SLUG.test(slug) || slug === "new") errors.slug = "errors.slugInvalid";
  const objectives = [...new Set(raw.objectives.map(Number))].sort((a, b) => a - b);
  if (raw.objectives.some((o) => !/^\d{1,2}$/.test(o)) || objectives.some((o) => !isObjective(o))) errors.objectives = "errors.invalidChoice";
  else if (!objectives.length) errors.objectives = "errors.objectivesRequired";
  const regions = [...new Set(raw.regions)];
  if (regions.some((r) => !isRegion(r))) errors.regions = "errors.invalidChoice";
  const opens = day(raw.opensAt);
  const closesDay = day(raw.closesAt);
  if (opens === "invalid") errors.opensAt = "errors.dateInvalid";
  else if (!opens) errors.opensAt = "errors.dateRequired";
  if (closesDay === "invalid") errors.closesAt = "errors.dateInvalid";
  else if (!closesDay) errors.closesAt = "errors.dateRequired";
  // A call closes at the end of its closing day (UTC).
  const closesAt = closesDay instanceof Date ? new Date(closesDay.getTime() + 86_399_999) : new Date(NaN);
  const opensAt = opens instanceof Date ? opens : new Date(NaN);
  if (opens instanceof Date && closesDay instanceof Date && closesDay <= opens) errors.closesAt = "errors.closesBeforeOpens";
  const contact = { name: raw.contactName.trim(), email: raw.contactEmail.trim() };
  if (contact.name.length > 120) errors.contactName = "errors.tooLong";
  if (contact.email && !EMAIL.test(contact.email)) errors.contactEmail = "errors.invalidEmail";
  return { errors, value: { slug, title, description, objectives, regions, opensAt, closesAt, contact } };
}

export function callState(c: { opensAt: Date | string; closesAt: Date | string }, now = new Date()): CallState {
  if (new Date(c.opensAt) > now) return "upcoming";
  if (new Date(c.closesAt) < now) return "closed";
  return "open";
}

/** The text to show in the UI language, else English, else any language given; with its language. */
export function localized(m: Localized | undefined | null, lang: string): { text: string; lang: ContentLanguage } {
  const map = (m ?? {}) as Localized;
  const order = [lang, "en", ...contentLanguages] as ContentLanguage[];
  for (const l of order) if (map[l]) return { text: map[l]!, lang: l };
  return { text: "", lang: "en" };
}

/** Whole days left until `closesAt` (0 on the last day). */
export function daysLeft(closesAt: Date | string, now = new Date()): number {
  return Math.max(0, Math.floor((new Date(closesAt).getTime() - now.getTime()) / 86_400_000));
}
