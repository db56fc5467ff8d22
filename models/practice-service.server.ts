// Practice submission and review: drafts, owner edits (pending revisions of published
// practices), workflow transitions (models/practice-workflow.ts is the only source of truth
// for what may happen), revisions, the moderation queue and the audit trail.
import { Types } from "mongoose";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FilterQuery<_T> = Record<string, any>;
import { enqueueIndex } from "../search/outbox.server";
import { AuditEntry, audit } from "./audit.server";
import { connectDb } from "./db.server";
import { isDuplicateKey, isObjectId } from "./ids";
import { notify } from "./notification.server";
import { emptyPracticeValues, practiceSectionKeys, type PracticeFormValues, type PracticeSectionKey } from "./practice-form";
import { alertReviewers, invalidateModerationCounts } from "./moderation-alerts.server";
import { PracticeReviewSnapshot, PracticeRevision, type PracticeRevisionDoc, type PracticeReviewSnapshotDoc } from "./practice-revision.server";
import { slugify } from "./practice-slug";
import { Practice, type PracticeDoc } from "./practice.server";
import {
  queueAges,
  queueStatuses,
  type QueueStatus,
  ownerEditTarget,
  ownerMayDelete,
  reviewStatus,
  transition,
  type Actor,
  type PracticeAction,
  type PracticeStatus,
} from "./practice-workflow";
import { User } from "./user.server";

export interface RichTextValue {
  state: string;
  html: string;
  text: string;
}

/** The editable content of a practice (also the shape of a pending revision and a snapshot). */
export interface PracticeContent {
  language: string;
  title: string;
  summary: string;
  sections: Record<PracticeSectionKey, RichTextValue>;
  organizations: string[];
  partners: string[];
  countries: string[];
  regions: string[];
  subregions: string[];
  scope: string;
  objectives: number[];
  principles: string[];
  stakeholderTypes: string[];
  startDate: Date | null;
  endDate: Date | null;
  implementationStatus: string;
  budgetRange: string;
  fundingSource: string;
  contact: { name: string; email: string };
  links: { title: string; url: string }[];
}

const contentKeys = [
  "language", "title", "summary", "sections", "organizations", "partners", "countries", "regions", "subregions", "scope",
  "objectives", "principles", "stakeholderTypes", "startDate", "endDate", "implementationStatus", "budgetRange",
  "fundingSource", "contact", "links",
] as const;

type ContentSource = Partial<Record<(typeof contentKeys)[number], unknown>>;

/** The content fields of a practice, of its pending revision, or of a snapshot. */
export function contentOf(src: ContentSource | null | undefined): PracticeContent {
  const s = (src ?? {}) as Record<string, unknown>;
  const sections = (s.sections ?? {}) as Record<string, Partial<RichTextValue> | undefined>;
  const contact = (s.contact ?? {}) as { name?: string; email?: string };
  const arr = <T,>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);
  return {
    language: String(s.language ?? "en"),
    title: String(s.title ?? ""),
    summary: String(s.summary ?? ""),
    sections: Object.fromEntries(
      practiceSectionKeys.map((k) => [k, { state: sections[k]?.state ?? "", html: sections[k]?.html ?? "", text: sections[k]?.text ?? "" }]),
    ) as PracticeContent["sections"],
    organizations: arr<string>(s.organizations),
    partners: arr<string>(s.partners),
    countries: arr<string>(s.countries),
    regions: arr<string>(s.regions),
    subregions: arr<string>(s.subregions),
    scope: String(s.scope ?? "national"),
    objectives: arr<number>(s.objectives),
    principles: arr<string>(s.principles),
    stakeholderTypes: arr<string>(s.stakeholderTypes),
    startDate: s.startDate ? new Date(s.startDate as string) : null,
    endDate: s.endDate ? new Date(s.endDate as string) : null,
    implementationStatus: String(s.implementationStatus ?? "ongoing"),
    budgetRange: String(s.budgetRange ?? "unknown"),
    fundingSource: String(s.fundingSource ?? ""),
    contact: { name: contact.name ?? "", email: contact.email ?? "" },
    links: arr<{ title?: string; url?: string }>(s.links).map((l) => ({ title: l.title ?? "", url: l.url ?? "" })),
  };
}

/** Form values (what the editor shows) from stored content. */
export function valuesOf(c: PracticeContent): PracticeFormValues {
  const v = emptyPracticeValues(c.language);
  return {
    ...v,
    title: c.title,
    summary: c.summary,
    sections: Object.fromEntries(practiceSectionKeys.map((k) => [k, { text: c.sections[k].text, state: c.sections[k].state }])) as PracticeFormValues["sections"],
    organizations: c.organizations.join("\n"),
    partners: c.partners.join("\n"),
    countries: c.countries,
    scope: c.scope,
    objectives: c.objectives.map(String),
    principles: c.principles,
    stakeholderTypes: c.stakeholderTypes,
    startDate: c.startDate ? c.startDate.toISOString().slice(0, 10) : "",
    endDate: c.endDate ? c.endDate.toISOString().slice(0, 10) : "",
    implementationStatus: c.implementationStatus,
    budgetRange: c.budgetRange,
    fundingSource: c.fundingSource,
    language: c.language,
    contactName: c.contact.name,
    contactEmail: c.contact.email,
    links: c.links,
  };
}

/** Names of required fields that are empty (the same names the form posts). */
export function missingForSubmit(c: PracticeContent): string[] {
  const missing: string[] = [];
  if (!c.title.trim()) missing.push("title");
  if (!c.summary.trim()) missing.push("summary");
  if (!c.sections.description.text.trim()) missing.push("description");
  if (c.organizations.length === 0) missing.push("organizations");
  if (c.objectives.length === 0) missing.push("objectives");
  if (c.principles.length === 0) missing.push("principles");
  if (!c.language) missing.push("language");
  if (!c.scope) missing.push("scope");
  if (!c.implementationStatus) missing.push("implementationStatus");
  if (!c.contact.name.trim()) missing.push("contactName");
  return missing;
}

const isId = isObjectId;

/** A slug from the title that no other practice uses (now or as an old slug). */
export async function uniqueSlug(title: string, excludeId?: Types.ObjectId | string): Promise<string> {
  const base = slugify(title);
  for (let i = 1; i < 500; i++) {
    const candidate = i === 1 ? base : `${base.slice(0, 74)}-${i}`;
    const filter: FilterQuery<PracticeDoc> = { $or: [{ slug: candidate }, { oldSlugs: candidate }] };
    if (excludeId) filter._id = { $ne: new Types.ObjectId(String(excludeId)) };
    if (!(await Practice.exists(filter))) return candidate;
  }
  return `${base.slice(0, 60)}-${new Types.ObjectId().toHexString()}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * updateOne that survives FerretDB's lost updates: a concurrent write to the same practice (an
 * autosave still in flight when the owner submits, two moderators) can overwrite ours with a
 * stale copy. Re-read, and re-apply while the document is still in the state we started from.
 * See decision 006.
 */
async function durableUpdate(
  id: Types.ObjectId,
  filter: FilterQuery<PracticeDoc>,
  update: Record<string, unknown>,
  applied: (doc: PracticeDoc) => boolean,
): Promise<boolean> {
  const r = await Practice.updateOne(filter, update);
  if (r.matchedCount === 0) return false;
  // The concurrent stale write can land a few hundred milliseconds later: the change must hold
  // on two checks spread over about half a second (re-applied whenever it was lost).
  let held = 0;
  for (const wait of [40, 150, 300, 300, 300, 300]) {
    await sleep(wait);
    const doc = (await Practice.findById(id).lean()) as PracticeDoc | null;
    if (!doc) return false;
    if (applied(doc)) {
      if (++held >= 2) return true;
      continue;
    }
    held = 0;
    const again = await Practice.updateOne(filter, update);
    if (again.matchedCount === 0) return false;
  }
  const last = (await Practice.findById(id).lean()) as PracticeDoc | null;
  return Boolean(last && applied(last));
}

const sameContent = (doc: ContentSource | null | undefined, c: PracticeContent) => {
  const d = contentOf(doc);
  return d.title === c.title && d.summary === c.summary && practiceSectionKeys.every((k) => d.sections[k].text === c.sections[k].text);
};

async function changed(id: Types.ObjectId | string) {
  await enqueueIndex("practice", id);
}

/**
 * Runs a write that stores a slug for `title`, with the first free one; when a concurrent write
 * took that slug first (the unique index refuses ours), tries again with the next free one.
 */
export async function withFreeSlug<T>(title: string, excludeId: Types.ObjectId | string | undefined, write: (slug: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const free = await uniqueSlug(title, excludeId);
    const slug = attempt <= 4 ? free : `${free.slice(0, 60)}-${new Types.ObjectId().toHexString().slice(-6)}`;
    try {
      return await write(slug);
    } catch (e) {
      if (!isDuplicateKey(e) || attempt >= 6) throw e;
    }
  }
}

export async function createDraft(ownerId: string | Types.ObjectId, content: PracticeContent): Promise<PracticeDoc> {
  await connectDb();
  const doc = await withFreeSlug(content.title || "practice", undefined, (slug) => Practice.create({ ...content, slug, ownerId, status: "draft" }));
  await changed(doc._id);
  return doc.toObject() as PracticeDoc;
}

/** The practice if `userId` owns it, else null (callers answer 404 either way). */
export async function findOwnPractice(id: string, userId: string | Types.ObjectId): Promise<PracticeDoc | null> {
  if (!isId(id)) return null;
  await connectDb();
  const p = await Practice.findOne({ _id: id, ownerId: userId }).lean();
  return (p as PracticeDoc | null) ?? null;
}

export async function findPracticeById(id: string): Promise<PracticeDoc | null> {
  if (!isId(id)) return null;
  await connectDb();
  return ((await Practice.findById(id).lean()) as PracticeDoc | null) ?? null;
}

export const pendingStatusOf = (p: PracticeDoc) => ((p as { pending?: { status?: string } | null }).pending?.status ?? null) as PracticeStatus | null;
export const reviewStatusOf = (p: PracticeDoc) => reviewStatus(p.status as PracticeStatus, pendingStatusOf(p));
export const ownerEditTargetOf = (p: PracticeDoc) => ownerEditTarget(p.status as PracticeStatus, pendingStatusOf(p));

/** The content an owner edits or a moderator reviews: the pending revision when there is one. */
export function workingContent(p: PracticeDoc): PracticeContent {
  const pending = (p as { pending?: ContentSource | null }).pending;
  return contentOf(p.status === "published" && pending ? pending : (p as ContentSource));
}

export type SaveResult = { ok: true } | { ok: false; error: "not-editable" };

/** Saves an owner's edit: into the practice itself (never published) or into its pending revision. */
export async function saveOwnerEdit(p: PracticeDoc, content: PracticeContent): Promise<SaveResult> {
  await connectDb();
  const target = ownerEditTargetOf(p);
  if (!target) return { ok: false, error: "not-editable" };
  if (target === "main") {
    const save = (set: Record<string, unknown>) =>
      durableUpdate(p._id, { _id: p._id, status: p.status }, { $set: set, $inc: { version: 1 } }, (d) => sameContent(d as ContentSource, content));
    // Not public yet: the slug follows the title.
    const ok =
      !p.publishedAt && content.title && content.title !== p.title
        ? await withFreeSlug(content.title, p._id, (slug) => save({ ...content, slug }))
        : await save({ ...content });
    if (!ok) return { ok: false, error: "not-editable" };
  } else {
    const prev = pendingStatusOf(p);
    const status: PracticeStatus = prev === "changes-requested" ? "changes-requested" : "draft";
    const filter: FilterQuery<PracticeDoc> = { _id: p._id, status: "published" };
    filter["pending.status"] = prev ?? null;
    const at = new Date();
    const ok = await durableUpdate(
      p._id,
      filter,
      { $set: { pending: { ...content, status, submittedAt: null, updatedAt: at } }, $inc: { version: 1 } },
      (d) => {
        const pending = (d as { pending?: { updatedAt?: Date } | null }).pending;
        return Boolean(pending?.updatedAt && new Date(pending.updatedAt).getTime() === at.getTime());
      },
    );
    if (!ok) return { ok: false, error: "not-editable" };
  }
  await changed(p._id);
  return { ok: true };
}

export type TransitionResult =
  | { ok: true; to: PracticeStatus; practice: PracticeDoc }
  | { ok: false; error: "not-found" | "refused" | "incomplete" | "comment-required"; missing?: string[] };

/**
 * Applies a workflow action. The state machine decides; anything else is refused. Every
 * transition is audited; moderator decisions notify the submitter.
 */
export async function applyTransition(
  practiceId: string,
  action: PracticeAction,
  actor: { id: string | Types.ObjectId; as: Actor },
  comment = "",
): Promise<TransitionResult> {
  await connectDb();
  const p = await findPracticeById(practiceId);
  if (!p) return { ok: false, error: "not-found" };
  if (actor.as === "owner" && String(p.ownerId) !== String(actor.id)) return { ok: false, error: "not-found" };
  const pendingStatus = pendingStatusOf(p);
  const onPending = p.status === "published" && pendingStatus !== null && action !== "archive" && action !== "unarchive";
  const from = onPending ? pendingStatus! : (p.status as PracticeStatus);
  const to = transition(from, action, actor.as);
  if (!to) return { ok: false, error: "refused" };
  if ((action === "request-changes" || action === "reject") && !comment.trim()) return { ok: false, error: "comment-required" };
  if (action === "submit") {
    const missing = missingForSubmit(workingContent(p));
    if (missing.length) return { ok: false, error: "incomplete", missing };
  }
  const now = new Date();
  const filter: FilterQuery<PracticeDoc> = { _id: p._id, status: p.status };
  filter["pending.status"] = pendingStatus ?? null;
  let update: Record<string, unknown>;
  let revisionContent: PracticeContent | null = null;
  if (onPending) {
    if (to === "published") {
      const content = contentOf((p as { pending?: ContentSource }).pending);
      revisionContent = content;
      const set: Record<string, unknown> = { ...content, pending: null, revision: (p.revision ?? 0) + 1 };
      if (content.title !== p.title) {
        set.slug = await uniqueSlug(content.title, p._id);
        if (set.slug !== p.slug) update = { $set: set, $addToSet: { oldSlugs: p.slug }, $inc: { version: 1 } };
      }
      update ??= { $set: set, $inc: { version: 1 } };
    } else {
      update = { $set: { "pending.status": to, ...(to === "submitted" ? { "pending.submittedAt": now } : {}) }, $inc: { version: 1 } };
    }
  } else {
    const set: Record<string, unknown> = { status: to };
    if (to === "submitted") set.submittedAt = now;
    if (to === "published" && action === "publish") {
      revisionContent = workingContent(p);
      set.publishedAt = p.publishedAt ?? now;
      set.revision = (p.revision ?? 0) + 1;
    }
    update = { $set: set, $inc: { version: 1 } };
  }
  const publishingPending = onPending && to === "published";
  const ok = await durableUpdate(p._id, filter, update!, (d) =>
    publishingPending ? !(d as { pending?: unknown }).pending && d.status === "published" : reviewStatusOf(d) === to,
  );
  if (!ok) return { ok: false, error: "refused" };
  const updated = (await findPracticeById(String(p._id)))!;
  if (revisionContent) {
    await PracticeRevision.create({
      practiceId: p._id,
      number: updated.revision,
      slug: updated.slug,
      snapshot: revisionContent as unknown as PracticeRevisionDoc["snapshot"],
      publishedBy: actor.id,
      publishedAt: now,
      comment: comment.slice(0, 4000),
    });
  }
  await audit({
    actorId: new Types.ObjectId(String(actor.id)),
    subjectType: "practice",
    subjectId: p._id,
    action: onPending ? `${action}-revision` : action,
    from,
    to,
    comment: comment.slice(0, 4000),
  });
  if (actor.as === "moderator" && reviewedActions.includes(action)) {
    // What the moderator decided on, for the next review's "changes since the last submission".
    try {
      await PracticeReviewSnapshot.create({
        practiceId: p._id,
        action,
        snapshot: workingContent(p) as unknown as PracticeReviewSnapshotDoc["snapshot"],
        reviewerId: actor.id,
        comment: comment.slice(0, 4000),
        reviewedAt: now,
      });
    } catch (e) {
      console.error("review snapshot failed", e);
    }
  }
  if (action === "submit") await alertReviewers({ _id: p._id, title: workingContent(updated).title }, from === "changes-requested", String(actor.id));
  else invalidateModerationCounts();
  if (actor.as === "moderator") {
    const url = updated.status === "published" && !updated.pending ? `/practices/${updated.slug}` : `/practices/${updated._id}/edit`;
    try {
      await notify(p.ownerId, "practice-decision", url, { title: updated.title, action, status: to, comment: comment.slice(0, 500) });
    } catch (e) {
      console.error("notify failed", e);
    }
  }
  await changed(p._id);
  return { ok: true, to, practice: updated };
}

/** Moderator decisions on a submission's content: each keeps a snapshot of what was reviewed. */
const reviewedActions: PracticeAction[] = ["request-changes", "reject", "publish"];

/** Never published (whatever its status says) and not under review: the owner may delete it. */
export const ownerMayDeletePractice = (p: Pick<PracticeDoc, "status" | "publishedAt">) => ownerMayDelete(p.status as PracticeStatus) && !p.publishedAt;

/**
 * Deletes a practice its owner never got published (draft, changes requested, rejected) for
 * good; the audit log keeps who deleted what. Anything published or under review is refused.
 */
export async function deleteOwnPractice(id: string, userId: string | Types.ObjectId): Promise<{ ok: true; title: string } | { ok: false; error: "not-found" | "refused" }> {
  const p = await findOwnPractice(id, userId);
  if (!p) return { ok: false, error: "not-found" };
  if (!ownerMayDeletePractice(p)) return { ok: false, error: "refused" };
  await Practice.deleteOne({ _id: p._id });
  await audit({
    actorId: new Types.ObjectId(String(userId)),
    subjectType: "practice",
    subjectId: p._id,
    action: "delete",
    from: p.status,
    to: "deleted",
    comment: p.title.slice(0, 300),
  });
  await changed(p._id); // nothing to drop from the index, but the sync confirms it
  return { ok: true, title: p.title };
}

export interface OwnPracticeRow {
  id: string;
  slug: string;
  title: string;
  status: PracticeStatus;
  pendingStatus: PracticeStatus | null;
  updatedAt: string;
  editable: boolean;
  /** The owner may take it back from review. */
  withdrawable: boolean;
  /** The owner may delete it (never published, not under review). */
  deletable: boolean;
}

export async function listOwnPractices(userId: string | Types.ObjectId): Promise<OwnPracticeRow[]> {
  await connectDb();
  const docs = (await Practice.find({ ownerId: userId })
    .select("slug title status pending.status pending.title updatedAt publishedAt")
    .sort({ updatedAt: -1 })
    .limit(500)
    .lean()) as PracticeDoc[];
  return docs.map((p) => ({
    id: String(p._id),
    slug: p.slug,
    title: (p as { pending?: { title?: string } | null }).pending?.title || p.title,
    status: p.status as PracticeStatus,
    pendingStatus: pendingStatusOf(p),
    updatedAt: new Date(p.updatedAt).toISOString(),
    editable: ownerEditTargetOf(p) !== null,
    withdrawable: reviewStatusOf(p) === "submitted",
    deletable: ownerMayDeletePractice(p),
  }));
}

// ── Moderation queue ─────────────────────────────────────────────────────────────────────


function statusFilter(status: QueueStatus): FilterQuery<PracticeDoc> {
  if (status === "submitted" || status === "changes-requested") {
    return { $or: [{ status }, { status: "published", "pending.status": status }] };
  }
  return { status };
}

export interface QueueQuery {
  status: QueueStatus;
  objective?: number;
  region?: string;
  age?: (typeof queueAges)[number];
}

export interface QueueRow {
  id: string;
  title: string;
  status: PracticeStatus;
  revision: boolean;
  owner: string;
  submittedAt: string | null;
  objectives: number[];
  regions: string[];
}

export async function moderationQueue(q: QueueQuery, limit = 100) {
  await connectDb();
  const and: FilterQuery<PracticeDoc>[] = [statusFilter(q.status)];
  if (q.objective) and.push({ $or: [{ objectives: q.objective }, { "pending.objectives": q.objective }] });
  if (q.region) and.push({ $or: [{ regions: q.region }, { "pending.regions": q.region }] });
  if (q.age) {
    const before = new Date(Date.now() - Number(q.age) * 86_400_000);
    and.push({ $or: [{ submittedAt: { $lte: before } }, { "pending.submittedAt": { $lte: before } }] });
  }
  const docs = (await Practice.find({ $and: and }).sort({ submittedAt: 1, _id: 1 }).limit(limit).lean()) as PracticeDoc[];
  const owners = await User.find({ _id: { $in: [...new Set(docs.map((d) => String(d.ownerId)))] } }).select("displayName").lean();
  const names = new Map(owners.map((u) => [String(u._id), u.displayName]));
  const rows: QueueRow[] = docs.map((p) => {
    const c = workingContent(p);
    const pending = (p as { pending?: { submittedAt?: Date | null } | null }).pending;
    const submittedAt = pending?.submittedAt ?? p.submittedAt;
    return {
      id: String(p._id),
      title: c.title,
      status: reviewStatusOf(p),
      revision: Boolean(pending) && p.status === "published",
      owner: names.get(String(p.ownerId)) ?? "",
      submittedAt: submittedAt ? new Date(submittedAt).toISOString() : null,
      objectives: c.objectives,
      regions: c.regions,
    };
  });
  return rows;
}

export async function queueCounts(): Promise<Record<QueueStatus, number>> {
  await connectDb();
  const entries = await Promise.all(queueStatuses.map(async (s) => [s, await Practice.countDocuments(statusFilter(s))] as const));
  return Object.fromEntries(entries) as Record<QueueStatus, number>;
}

// ── Audit trail and revisions ────────────────────────────────────────────────────────────

export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  from: string;
  to: string;
  comment: string;
  at: string;
}

export async function practiceAuditTrail(practiceId: Types.ObjectId | string): Promise<AuditRow[]> {
  await connectDb();
  const rows = await AuditEntry.find({ subjectType: "practice", subjectId: practiceId }).sort({ createdAt: 1 }).limit(500).lean();
  const users = await User.find({ _id: { $in: [...new Set(rows.map((r) => String(r.actorId)).filter((x) => x !== "null"))] } })
    .select("displayName")
    .lean();
  const names = new Map(users.map((u) => [String(u._id), u.displayName]));
  return rows.map((r) => ({
    id: String(r._id),
    actor: names.get(String(r.actorId)) ?? "",
    action: r.action,
    from: r.from,
    to: r.to,
    comment: r.comment,
    at: new Date(r.createdAt).toISOString(),
  }));
}

/** The moderator's latest "request changes" or "reject" in an audit trail: what the submitter
 *  must read first when they open the practice again (null if there is none). */
export function latestModeratorComment(rows: AuditRow[]): AuditRow | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const base = rows[i].action.replace(/-revision$/, "");
    if (base === "request-changes" || base === "reject") return rows[i].comment ? rows[i] : null;
    if (base === "submit" || base === "publish") return null;
  }
  return null;
}

export async function listRevisions(practiceId: Types.ObjectId | string) {
  await connectDb();
  const rows = (await PracticeRevision.find({ practiceId }).sort({ number: -1 }).limit(500).lean()) as PracticeRevisionDoc[];
  return rows.map((r) => ({ number: r.number, title: String(r.snapshot?.title ?? ""), publishedAt: new Date(r.publishedAt).toISOString() }));
}

export async function getRevision(practiceId: Types.ObjectId | string, number: number): Promise<PracticeContent | null> {
  if (!Number.isInteger(number) || number < 1) return null;
  await connectDb();
  const r = (await PracticeRevision.findOne({ practiceId, number }).lean()) as PracticeRevisionDoc | null;
  return r ? contentOf(r.snapshot as ContentSource) : null;
}

/** The latest published revision's content (what the review diff compares against). */
export async function latestRevisionContent(practiceId: Types.ObjectId | string): Promise<PracticeContent | null> {
  await connectDb();
  const r = (await PracticeRevision.findOne({ practiceId }).sort({ number: -1 }).lean()) as PracticeRevisionDoc | null;
  return r ? contentOf(r.snapshot as ContentSource) : null;
}

export interface LastReview {
  action: string;
  comment: string;
  reviewer: string;
  at: string;
  content: PracticeContent;
}

/** The latest review decision with the content it was made on (null before any). */
export async function lastReview(practiceId: Types.ObjectId | string): Promise<LastReview | null> {
  await connectDb();
  const r = (await PracticeReviewSnapshot.findOne({ practiceId }).sort({ reviewedAt: -1, _id: -1 }).lean()) as PracticeReviewSnapshotDoc | null;
  if (!r) return null;
  const reviewer = r.reviewerId ? await User.findById(r.reviewerId).select("displayName").lean() : null;
  return { action: r.action, comment: r.comment, reviewer: reviewer?.displayName ?? "", at: new Date(r.reviewedAt).toISOString(), content: contentOf(r.snapshot as ContentSource) };
}

export { Practice };
