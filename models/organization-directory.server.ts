// The organizations directory: the list (search, type and country filters, pages), an
// organization's page (its published practices, the members who chose to be listed, their
// discussions), and what moderators do (edit, merge a duplicate into another), audited.
import { Types } from "mongoose";
import { audit } from "./audit.server";
import { connectDb } from "./db.server";
import { isObjectId } from "./ids";
import { compactKey, keysOfName, organizationKey, safeWebsite } from "./organization-key";
import {
  freeOrganizationSlug,
  Organization,
  resolveOrganizationIds,
  searchTextOf,
  type OrganizationDoc,
} from "./organization.server";
import { toCard } from "./practice-query.server";
import { Practice, type PracticeDoc } from "./practice.server";
import { slugify } from "./slug";
import { threadCards, visibleThreadFilter } from "./thread-query.server";
import { Thread, type ThreadDoc } from "./thread.server";
import { User } from "./user.server";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface OrganizationSummary {
  id: string;
  slug: string;
  name: string;
  acronym: string;
  type: string;
  country: string;
  website: string;
  description: string;
  reviewed: boolean;
}

function summary(o: OrganizationDoc): OrganizationSummary {
  return {
    id: String(o._id),
    slug: o.slug,
    name: o.name,
    acronym: o.acronym ?? "",
    type: o.type ?? "other",
    country: o.country ?? "",
    website: safeWebsite(o.website ?? ""),
    description: o.description ?? "",
    reviewed: Boolean(o.reviewed),
  };
}

/** Organizations by name; `q` matches name or acronym ignoring case, accents and punctuation. */
export async function listOrganizations(opts: {
  q?: string;
  type?: string;
  country?: string;
  page: number;
  perPage: number;
}) {
  await connectDb();
  const filter: Record<string, unknown> = {};
  const key = organizationKey(opts.q ?? "");
  if (key) filter.searchText = new RegExp(`(^| )${escapeRegex(key)}`);
  if (opts.type) filter.type = opts.type;
  if (opts.country) filter.country = opts.country;
  const [total, docs] = await Promise.all([
    Organization.countDocuments(filter),
    Organization.find(filter)
      .sort({ nameKey: 1 })
      .skip((opts.page - 1) * opts.perPage)
      .limit(opts.perPage)
      .lean(),
  ]);
  return { total, organizations: (docs as OrganizationDoc[]).map(summary) };
}

/** The organization at `slug`, or where another of its addresses now lives. */
export async function findOrganizationBySlug(
  slug: string
): Promise<{ org: OrganizationDoc | null; redirectTo?: string }> {
  await connectDb();
  const s = String(slug ?? "").toLowerCase();
  if (!s || s.length > 200) return { org: null };
  const org = (await Organization.findOne({
    slug: s,
  }).lean()) as OrganizationDoc | null;
  if (org) return { org };
  const alias = ((await Organization.findOne({ slugs: s }).lean()) ??
    (await Organization.findOne({
      keys: s.replace(/-/g, ""),
    }).lean())) as OrganizationDoc | null;
  return alias ? { org: null, redirectTo: alias.slug } : { org: null };
}

/** An organization's page: details, published practices, listed members, their discussions. */
export async function organizationPage(slug: string, viewerId: string | null) {
  const found = await findOrganizationBySlug(slug);
  if (!found.org)
    return found.redirectTo ? { redirectTo: found.redirectTo } : null;
  const org = found.org;
  const [practices, listed, viewer] = await Promise.all([
    Practice.find({ organizationIds: org._id, status: "published" })
      .sort({ publishedAt: -1 })
      .limit(200)
      .lean(),
    User.find({
      organizationId: org._id,
      listedOnOrganization: true,
      disabledAt: null,
    })
      .select("displayName email")
      .sort({ displayName: 1 })
      .limit(200)
      .lean(),
    viewerId && isObjectId(viewerId)
      ? User.findById(viewerId)
          .select("organizationId listedOnOrganization")
          .lean()
      : null,
  ]);
  const members = listed.filter(
    (u) => !(u as { email?: string }).email?.endsWith("@hub.invalid")
  );
  const threads = members.length
    ? ((await Thread.find({
        authorId: { $in: members.map((u) => u._id) },
        ...visibleThreadFilter,
      })
        .sort({ lastPostAt: -1 })
        .limit(50)
        .lean()) as ThreadDoc[])
    : [];
  const isMember =
    !!viewer && String(viewer.organizationId ?? "") === String(org._id);
  return {
    organization: summary(org),
    practices: (practices as PracticeDoc[]).map(toCard),
    members: members.map((u) => ({
      id: String(u._id),
      displayName: u.displayName,
    })),
    threads: await threadCards(threads),
    viewer: isMember
      ? {
          member: true,
          listed: Boolean(
            (viewer as { listedOnOrganization?: boolean }).listedOnOrganization
          ),
        }
      : { member: false, listed: false },
  };
}

/** "Show me on my organization's page": the member's own choice. */
export async function setListedOnOrganization(userId: string, listed: boolean) {
  await connectDb();
  await User.updateOne(
    { _id: userId },
    { $set: { listedOnOrganization: listed } }
  );
}

export interface OrganizationInput {
  name: string;
  acronym: string;
  type: string;
  country: string;
  website: string;
  description: string;
}

export type OrgEditResult =
  | { ok: true; slug: string }
  | { ok: false; error: "not-found" | "name-taken" };

/** A moderator's edit (marks the organization reviewed). The old name and slug keep answering. */
export async function updateOrganization(
  id: string,
  input: OrganizationInput,
  actorId: string
): Promise<OrgEditResult> {
  await connectDb();
  const org = isObjectId(id) ? await Organization.findById(id) : null;
  if (!org) return { ok: false, error: "not-found" };
  const nameKey = compactKey(input.name);
  const newKeys = keysOfName(
    input.acronym ? `${input.name} (${input.acronym})` : input.name
  );
  for (const k of newKeys) {
    const other = await Organization.findOne({
      $or: [{ keys: k }, { nameKey: k }],
      _id: { $ne: org._id },
    })
      .select("_id")
      .lean();
    if (other) return { ok: false, error: "name-taken" };
  }
  const before = `${org.name} (${org.acronym ?? ""})`;
  const slug =
    org.name === input.name
      ? org.slug
      : await freeOrganizationSlug(input.name, input.acronym, org._id);
  const slugs = [
    ...new Set(
      [...(org.slugs ?? []), org.slug, slugify(input.acronym)].filter(
        (s) => s && s !== slug
      )
    ),
  ];
  await Organization.updateOne(
    { _id: org._id },
    {
      $set: {
        name: input.name,
        nameKey,
        acronym: input.acronym,
        type: input.type,
        country: input.country,
        website: safeWebsite(input.website),
        description: input.description,
        slug,
        slugs,
        keys: [...new Set([...(org.keys ?? []), ...newKeys])],
        searchText: searchTextOf(input.name, input.acronym),
        reviewed: true,
      },
    }
  );
  await audit({
    actorId: new Types.ObjectId(actorId),
    subjectType: "organization",
    subjectId: org._id,
    action: "edit",
    from: before.slice(0, 300),
    to: `${input.name} (${input.acronym})`.slice(0, 300),
  });
  return { ok: true, slug };
}

export type MergeResult =
  | { ok: true; slug: string; users: number; practices: number }
  | { ok: false; error: "not-found" | "same" };

/**
 * Merges the duplicate `fromId` into `intoId`: its members and the practices naming it move to
 * `intoId`, which takes over its names, acronym and addresses (old links redirect), and the
 * duplicate is deleted. Audited on both records.
 */
export async function mergeOrganizations(
  fromId: string,
  intoId: string,
  actorId: string
): Promise<MergeResult> {
  await connectDb();
  if (fromId === intoId) return { ok: false, error: "same" };
  const [from, into] = await Promise.all([
    isObjectId(fromId) ? Organization.findById(fromId).lean() : null,
    isObjectId(intoId) ? Organization.findById(intoId).lean() : null,
  ]);
  if (!from || !into) return { ok: false, error: "not-found" };
  // The target answers to every name of the duplicate first, so nothing re-creates it meanwhile.
  const keys = [
    ...new Set(
      [
        ...(into.keys ?? []),
        ...(from.keys ?? []),
        from.nameKey,
        compactKey(from.acronym ?? ""),
      ].filter(Boolean)
    ),
  ];
  const slugs = [
    ...new Set(
      [...(into.slugs ?? []), ...(from.slugs ?? []), from.slug].filter(
        (s) => s && s !== into.slug
      )
    ),
  ];
  await Organization.updateOne(
    { _id: into._id },
    { $set: { keys, slugs, reviewed: true } }
  );
  await Organization.deleteOne({ _id: from._id });
  const users = await User.updateMany(
    { organizationId: from._id },
    { $set: { organizationId: into._id } }
  );
  let practices = 0;
  const rows = Practice.find({ organizationIds: from._id })
    .select("_id organizationIds")
    .lean()
    .cursor({ batchSize: 200 });
  for await (const p of rows) {
    const ids = (p.organizationIds ?? []).map((i) =>
      String(i) === String(from._id) ? into._id : i
    );
    const unique = ids.filter(
      (i, n) => ids.findIndex((j) => String(j) === String(i)) === n
    );
    await Practice.collection.updateOne(
      { _id: p._id },
      { $set: { organizationIds: unique } }
    );
    practices++;
  }
  const actor = new Types.ObjectId(actorId);
  const note =
    `${from.name} → ${into.name}; users ${users.modifiedCount}, practices ${practices}`.slice(
      0,
      4000
    );
  await audit({
    actorId: actor,
    subjectType: "organization",
    subjectId: into._id,
    action: "merge",
    from: String(from._id),
    to: String(into._id),
    comment: note,
  });
  await audit({
    actorId: actor,
    subjectType: "organization",
    subjectId: from._id,
    action: "merged-into",
    from: String(from._id),
    to: String(into._id),
    comment: note,
  });
  return { ok: true, slug: into.slug, users: users.modifiedCount, practices };
}

/** Organizations a moderator may merge a duplicate into (for the form): name order. */
export async function organizationChoices(exceptId: string, limit = 500) {
  await connectDb();
  const docs = await Organization.find({ _id: { $ne: exceptId } })
    .select("name acronym slug")
    .sort({ nameKey: 1 })
    .limit(limit)
    .lean();
  return docs.map((o) => ({
    id: String(o._id),
    label: o.acronym ? `${o.name} (${o.acronym})` : o.name,
  }));
}

/**
 * Migration (decision 044): organizations stored before slugs and keys get them (two records
 * whose names now share a key are merged, members moving), then every practice gets
 * `organizationIds` from its names.
 */
export async function migrateOrganizations() {
  const old = Organization.find({ slug: { $exists: false } })
    .lean()
    .cursor({ batchSize: 200 });
  for await (const o of old) {
    const key = compactKey(o.name);
    const twin = await Organization.findOne({
      _id: { $ne: o._id },
      $or: [{ keys: key }, { nameKey: key }],
      slug: { $exists: true },
    }).lean();
    if (twin) {
      await User.updateMany(
        { organizationId: o._id },
        { $set: { organizationId: twin._id } }
      );
      await Organization.deleteOne({ _id: o._id });
      continue;
    }
    const slug = await freeOrganizationSlug(o.name);
    await Organization.collection.updateOne(
      { _id: o._id },
      {
        $set: {
          nameKey: key,
          slug,
          slugs: [],
          keys: keysOfName(o.name),
          searchText: searchTextOf(o.name, ""),
          acronym: "",
          description: "",
          reviewed: false,
        },
      }
    );
  }
  const rows = Practice.find({ organizationIds: { $exists: false } })
    .select("_id organizations")
    .lean()
    .cursor({ batchSize: 500 });
  for await (const p of rows) {
    await Practice.collection.updateOne(
      { _id: p._id },
      {
        $set: {
          organizationIds: await resolveOrganizationIds(p.organizations),
        },
      }
    );
  }
}

/** The name and profile of a practice's author, when the profile is public (else null). */
export async function authorOf(
  userId: unknown
): Promise<{ id: string; displayName: string } | null> {
  if (!isObjectId(String(userId ?? ""))) return null;
  await connectDb();
  const u = await User.findById(String(userId))
    .select("displayName email disabledAt")
    .lean();
  if (!u || u.disabledAt || u.email.endsWith("@hub.invalid")) return null;
  return { id: String(u._id), displayName: u.displayName };
}
