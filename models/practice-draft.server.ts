// An owner's practices: creating a draft, saving edits (into the practice itself, or into the
// pending revision of a published one), deleting what was never published, and the owner's list.
import { Types } from "mongoose";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FilterQuery<_T> = Record<string, any>;
import { audit } from "./audit.server";
import { deletePracticeFiles } from "./attachment.server";
import { connectDb } from "./db.server";
import { ownerEditTargetOf, ownerMayDeletePractice, pendingStatusOf, reviewStatusOf, type PracticeContent } from "./practice-content";
import { changed, findOwnPractice, updatePractice, withFreeSlug } from "./practice-store.server";
import { pageRows, pageWindow } from "./page-window";
import { Practice, type PracticeDoc } from "./practice.server";
import type { PracticeStatus } from "./practice-workflow";

export async function createDraft(ownerId: string | Types.ObjectId, content: PracticeContent): Promise<PracticeDoc> {
  await connectDb();
  const doc = await withFreeSlug(content.title || "practice", undefined, (slug) => Practice.create({ ...content, slug, ownerId, status: "draft" }));
  await changed(doc._id);
  return doc.toObject() as PracticeDoc;
}

export type SaveResult = { ok: true } | { ok: false; error: "not-editable" };

/** Saves an owner's edit: into the practice itself (never published) or into its pending revision. */
export async function saveOwnerEdit(p: PracticeDoc, content: PracticeContent): Promise<SaveResult> {
  await connectDb();
  const target = ownerEditTargetOf(p);
  if (!target) return { ok: false, error: "not-editable" };
  if (target === "main") {
    const save = (set: Record<string, unknown>) =>
      updatePractice({ _id: p._id, status: p.status }, { $set: set, $inc: { version: 1 } });
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
    const ok = await updatePractice(filter, { $set: { pending: { ...content, status, submittedAt: null, updatedAt: at }, reviewStatus: status }, $inc: { version: 1 } });
    if (!ok) return { ok: false, error: "not-editable" };
  }
  await changed(p._id);
  return { ok: true };
}

/**
 * Deletes a practice its owner never got published (draft, changes requested, rejected) for
 * good; the audit log keeps who deleted what. Anything published or under review is refused.
 */
export async function deleteOwnPractice(id: string, userId: string | Types.ObjectId): Promise<{ ok: true; title: string } | { ok: false; error: "not-found" | "refused" }> {
  const p = await findOwnPractice(id, userId);
  if (!p) return { ok: false, error: "not-found" };
  if (!ownerMayDeletePractice(p)) return { ok: false, error: "refused" };
  await Practice.deleteOne({ _id: p._id });
  await deletePracticeFiles(p);
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

/** One page of the owner's practices, last changed first, and whether another page follows (one
 *  row more is read instead of counting them all: on FerretDB a filtered count decodes each). */
export async function listOwnPractices(userId: string | Types.ObjectId, page = 1, perPage = 25): Promise<{ rows: OwnPracticeRow[]; hasNext: boolean }> {
  await connectDb();
  const { skip, limit } = pageWindow(page, perPage);
  const docs = (await Practice.find({ ownerId: userId })
    .select("slug title status pending.status pending.title updatedAt publishedAt")
    .sort({ updatedAt: -1, _id: -1 })
    .skip(skip)
    .limit(limit)
    .lean()) as PracticeDoc[];
  const { rows, hasNext } = pageRows(docs, perPage);
  return { hasNext, rows: rows.map(ownPracticeRow) };
}

function ownPracticeRow(p: PracticeDoc): OwnPracticeRow {
  return {
    id: String(p._id),
    slug: p.slug,
    title: (p as { pending?: { title?: string } | null }).pending?.title || p.title,
    status: p.status as PracticeStatus,
    pendingStatus: pendingStatusOf(p),
    updatedAt: new Date(p.updatedAt).toISOString(),
    editable: ownerEditTargetOf(p) !== null,
    withdrawable: reviewStatusOf(p) === "submitted",
    deletable: ownerMayDeletePractice(p),
  };
}
