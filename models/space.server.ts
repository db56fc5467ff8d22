import { slugify as slugifyText } from "./slug";
import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";
import { isDuplicateKey } from "./ids";
import { contentLanguages, isContentLanguage, type ContentLanguage } from "./taxonomy";

const perLanguage = () => new Schema(Object.fromEntries(contentLanguages.map((l) => [l, { type: String, maxlength: 2000 }])), { _id: false });

const spaceSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true, maxlength: 200 },
    description: { type: String, default: "", maxlength: 2000 },
    /** The title and description in other languages (the fields above are the default). */
    titles: { type: perLanguage(), default: {} },
    descriptions: { type: perLanguage(), default: {} },
    audience: { type: String, default: "", maxlength: 500 },
    languages: { type: [String], default: ["en"] },
    opensAt: { type: Date, default: null },
    closesAt: { type: Date, default: null },
    moderatorIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Hold a newly registered member's first posts for moderation. */
    holdFirstPosts: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export type SpaceDoc = InferSchemaType<typeof spaceSchema> & { _id: Types.ObjectId };
export const Space: Model<SpaceDoc> = (mongoose.models.Space as Model<SpaceDoc>) ?? mongoose.model<SpaceDoc>("Space", spaceSchema);

/** A space's title and description for a reader of `lng`: that language's when given, else the
 *  default ones (so a French reader never sees an English name where a French one was given). */
export function spaceText(s: Pick<SpaceDoc, "title" | "description"> & { titles?: unknown; descriptions?: unknown }, lng: string) {
  const pick = (m: unknown) => ((m ?? {}) as Partial<Record<ContentLanguage, string>>)[lng as ContentLanguage]?.trim() || "";
  const title = pick(s.titles);
  const description = pick(s.descriptions);
  return { title: title || s.title, description: description || s.description || "" };
}

export function spaceIsOpen(s: Pick<SpaceDoc, "opensAt" | "closesAt">, now = new Date()): boolean {
  if (s.opensAt && s.opensAt > now) return false;
  if (s.closesAt && s.closesAt < now) return false;
  return true;
}

// ---- writing spaces (admins) -------------------------------------------------------------

export interface SpaceRawInput {
  title: string;
  slug: string;
  description: string;
  audience: string;
  languages: string[];
  opensAt: string;
  closesAt: string;
  moderators: string; // e-mail addresses, one per line or comma-separated
  holdFirstPosts: boolean;
  /** Title and description in other languages (title_fr, description_fr … in the form). */
  titles: Partial<Record<ContentLanguage, string>>;
  descriptions: Partial<Record<ContentLanguage, string>>;
}

export function slugify(s: string) {
  return slugifyText(s, { fallback: "space" });
}

const dateRe = /^\d{4}-\d{2}-\d{2}$/;

/** Validates an admin's space form; errors are i18n keys in the `threads` namespace. */
export async function validateSpaceInput(raw: SpaceRawInput, currentId?: string) {
  const errors: Record<string, string> = {};
  const title = raw.title.trim();
  if (title.length < 3) errors.title = "space.errors.titleRequired";
  else if (title.length > 200) errors.title = "space.errors.titleTooLong";
  const slug = (raw.slug.trim() || slugify(title)).toLowerCase();
  if (!/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/.test(slug) || slug === "new") errors.slug = "space.errors.slugInvalid";
  else {
    const other = await Space.findOne({ slug }).select("_id").lean();
    if (other && String(other._id) !== currentId) errors.slug = "space.errors.slugTaken";
  }
  if (raw.description.length > 2000) errors.description = "space.errors.descriptionTooLong";
  if (raw.audience.length > 500) errors.audience = "space.errors.audienceTooLong";
  const titles: Partial<Record<ContentLanguage, string>> = {};
  const descriptions: Partial<Record<ContentLanguage, string>> = {};
  for (const l of contentLanguages) {
    const tl = (raw.titles?.[l] ?? "").trim();
    const dl = (raw.descriptions?.[l] ?? "").trim();
    if (tl.length > 200) errors[`title_${l}`] = "space.errors.titleTooLong";
    if (dl.length > 2000) errors[`description_${l}`] = "space.errors.descriptionTooLong";
    if (tl) titles[l] = tl;
    if (dl) descriptions[l] = dl;
  }
  const languages = [...new Set(raw.languages)].filter((l) => isContentLanguage(l));
  if (!languages.length) errors.languages = "space.errors.languagesRequired";
  const parseDate = (v: string, key: string) => {
    if (!v) return null;
    if (!dateRe.test(v) || Number.isNaN(new Date(`${v}T00:00:00Z`).getTime())) {
      errors[key] = "space.errors.dateInvalid";
      return null;
    }
    return new Date(`${v}T00:00:00Z`);
  };
  const opensAt = parseDate(raw.opensAt, "opensAt");
  const closesAtDay = parseDate(raw.closesAt, "closesAt");
  // A space closes at the end of its closing day.
  const closesAt = closesAtDay ? new Date(closesAtDay.getTime() + 86_399_999) : null;
  if (opensAt && closesAt && closesAt < opensAt) errors.closesAt = "space.errors.closesBeforeOpens";
  const emails = raw.moderators
    .split(/[\s,;]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  let moderatorIds: Types.ObjectId[] = [];
  if (emails.length > 50) errors.moderators = "space.errors.moderatorsUnknown";
  else if (emails.length) {
    const { User } = await import("./user.server");
    const users = (await User.find({ email: { $in: emails } }).select("email").lean()) as { _id: Types.ObjectId; email: string }[];
    if (users.length !== new Set(emails).size) errors.moderators = "space.errors.moderatorsUnknown";
    moderatorIds = users.map((u) => u._id);
  }
  return {
    errors,
    value: { title, slug, description: raw.description.trim(), audience: raw.audience.trim(), languages, opensAt, closesAt, moderatorIds, holdFirstPosts: raw.holdFirstPosts, titles, descriptions },
  };
}

export type SpaceValue = Awaited<ReturnType<typeof validateSpaceInput>>["value"];

/** Creates a space; when a concurrent create took its slug first, it gets the next free one
 *  (`slug-2`, `slug-3` …) instead of failing. */
export async function createSpace(value: SpaceValue, actorId: string) {
  const { audit } = await import("./audit.server");
  let space: InstanceType<typeof Space> | null = null;
  for (let i = 1; !space; i++) {
    const slug = i === 1 ? value.slug : `${value.slug.slice(0, 76)}-${i}`;
    try {
      space = await Space.create({ ...value, slug });
    } catch (e) {
      if (!isDuplicateKey(e) || i >= 20) throw e;
    }
  }
  await audit({ actorId: new Types.ObjectId(actorId), subjectType: "space", subjectId: space._id, action: "space-create", to: space.slug });
  return space;
}

/** Saves an admin's edit; false when another space took the new slug meanwhile (nothing saved). */
export async function updateSpace(id: string, value: SpaceValue, actorId: string): Promise<boolean> {
  const { audit } = await import("./audit.server");
  try {
    await Space.updateOne({ _id: id }, { $set: value });
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
  await audit({ actorId: new Types.ObjectId(actorId), subjectType: "space", subjectId: new Types.ObjectId(id), action: "space-update", to: value.slug });
  return true;
}

/** Values for the edit form. */
export async function spaceFormValues(space: SpaceDoc) {
  const { User } = await import("./user.server");
  const mods = (await User.find({ _id: { $in: space.moderatorIds ?? [] } }).select("email").lean()) as { email: string }[];
  const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");
  return {
    title: space.title,
    slug: space.slug,
    description: space.description ?? "",
    audience: space.audience ?? "",
    languages: space.languages ?? ["en"],
    opensAt: day(space.opensAt),
    closesAt: day(space.closesAt),
    moderators: mods.map((m) => m.email).join("\n"),
    holdFirstPosts: Boolean(space.holdFirstPosts),
    titles: { ...((space.titles ?? {}) as Partial<Record<ContentLanguage, string>>) },
    descriptions: { ...((space.descriptions ?? {}) as Partial<Record<ContentLanguage, string>>) },
  };
}
