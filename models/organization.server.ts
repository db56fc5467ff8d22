// Organizations: one record per organization, found by any spelling of its name or acronym
// (models/organization-key.ts) so "UNHCR", "unhcr " and "Ünhcr" are one record. Created by name
// when someone registers, edits a profile or saves a practice naming it; new ones are unreviewed
// until a moderator edits or confirms them (models/organization-directory.server.ts).
import mongoose, {
  Schema,
  type InferSchemaType,
  type Model,
  Types,
} from "mongoose";
import { isDuplicateKey } from "./ids";
import {
  keysOfName,
  compactKey,
  organizationKey,
  safeWebsite,
  splitAcronym,
} from "./organization-key";
import { slugify } from "./slug";
import { isStakeholderType } from "./taxonomy";

const organizationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    /** compactKey(name): unique, so two concurrent creations of one name make one record. */
    nameKey: { type: String, required: true, unique: true },
    acronym: { type: String, default: "", trim: true, maxlength: 20 },
    type: { type: String, default: "other" },
    country: { type: String, default: "" },
    website: { type: String, default: "" },
    description: { type: String, default: "", maxlength: 2000 },
    /** The page's address (unique); `slugs` are every other address it answers to (its
     *  acronym, former names, merged duplicates), each redirected here. */
    slug: { type: String, required: true, unique: true },
    slugs: { type: [String], default: [], index: true },
    /** Every key a name that means this organization normalizes to (de-duplication). */
    keys: { type: [String], default: [], index: true },
    /** Name and acronym keys, for accent- and case-insensitive search. */
    searchText: { type: String, default: "" },
    /** False until a moderator has looked at it. */
    reviewed: { type: Boolean, default: false, index: true },
  },
  { timestamps: true }
);
organizationSchema.index({ type: 1 });
organizationSchema.index({ country: 1 });

export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const Organization: Model<OrganizationDoc> =
  (mongoose.models.Organization as Model<OrganizationDoc>) ??
  mongoose.model<OrganizationDoc>("Organization", organizationSchema);

export const searchTextOf = (name: string, acronym: string) =>
  [organizationKey(name), organizationKey(acronym)].filter(Boolean).join(" ");

/** The existing organization a name means (any of its keys), or null. Indexed equalities only. */
export async function findOrganizationByName(name: string) {
  for (const key of keysOfName(name)) {
    const hit =
      (await Organization.findOne({ keys: key })) ??
      (await Organization.findOne({ nameKey: key }));
    if (hit) return hit;
  }
  return null;
}

/** A slug no other organization uses, from the name (the acronym when the name has no Latin
 *  letters, else "organization"). */
export async function freeOrganizationSlug(
  name: string,
  acronym = "",
  excludeId?: Types.ObjectId
) {
  const base =
    slugify(name, { max: 70 }) ||
    slugify(acronym, { max: 70 }) ||
    "organization";
  for (let i = 1; i < 200; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    const taken = await Organization.findOne({ slug: candidate })
      .select("_id")
      .lean();
    const alias = taken
      ? null
      : await Organization.findOne({ slugs: candidate }).select("_id").lean();
    const other = taken ?? alias;
    if (!other || (excludeId && String(other._id) === String(excludeId)))
      return candidate;
  }
  return `${base}-${new Types.ObjectId().toHexString().slice(-8)}`;
}

/** Finds an organization by any spelling of its name or acronym, or creates it (unreviewed). */
export async function findOrCreateOrganization(
  name: string,
  extra: { type?: string; country?: string; website?: string } = {}
) {
  const existing = await findOrganizationByName(name);
  if (existing) {
    // Another spelling of it ("Full Name (ACR)" for "ACR"): it answers to this one too, so links
    // made from this spelling find it.
    const keys = keysOfName(name).filter((k) => !(existing.keys ?? []).includes(k));
    const slug = slugify(String(name));
    const slugs = slug && slug !== existing.slug && !(existing.slugs ?? []).includes(slug) ? [slug] : [];
    if ((keys.length || slugs.length) && (existing.keys ?? []).length < 50)
      await Organization.updateOne({ _id: existing._id }, { $addToSet: { keys: { $each: keys }, slugs: { $each: slugs } } });
    return existing;
  }
  const { name: base, acronym } = splitAcronym(
    String(name).trim().slice(0, 200)
  );
  const nameKey = compactKey(base);
  const keys = keysOfName(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = await freeOrganizationSlug(base, acronym);
    try {
      return await Organization.create({
        name: base,
        nameKey,
        acronym,
        type: isStakeholderType(extra.type) ? extra.type : "other",
        country: extra.country ?? "",
        website: safeWebsite(extra.website ?? ""),
        slug,
        slugs: [
          ...new Set(
            [slugify(acronym), slugify(String(name))].filter(
              (s) => s && s !== slug
            )
          ),
        ],
        keys,
        searchText: searchTextOf(base, acronym),
      });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const raced = await findOrganizationByName(name);
      if (raced) return raced;
    }
  }
  return (await findOrganizationByName(name))!;
}

/** The organizations the names a practice lists refer to (created when new), in their order. */
export async function resolveOrganizationIds(
  names: unknown
): Promise<Types.ObjectId[]> {
  const list = (Array.isArray(names) ? names : [])
    .map((n) => String(n ?? "").trim())
    .filter((n) => organizationKey(n));
  const ids: Types.ObjectId[] = [];
  for (const n of [...new Set(list)].slice(0, 30)) {
    const org = await findOrCreateOrganization(n);
    if (!ids.some((i) => i.equals(org._id))) ids.push(org._id);
  }
  return ids;
}
