// The review workflow: submit, withdraw, request changes, reject, publish, archive… Each
// action goes through the state machine (models/practice-workflow.ts), is audited, keeps a
// published revision or a review snapshot where it applies, and notifies the submitter.
import { Types } from "mongoose";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FilterQuery<_T> = Record<string, any>;
import { audit } from "./audit.server";
import { connectDb } from "./db.server";
import { notify } from "./notification.server";
import { alertReviewers, invalidateModerationCounts } from "./moderation-alerts.server";
import { contentOf, missingForSubmit, pendingStatusOf, reviewStatusOf, workingContent, type ContentSource, type PracticeContent } from "./practice-content";
import { PracticeReviewSnapshot, PracticeRevision, type PracticeRevisionDoc, type PracticeReviewSnapshotDoc } from "./practice-revision.server";
import { changed, findPracticeById, uniqueSlug, updatePractice } from "./practice-store.server";
import type { PracticeDoc } from "./practice.server";
import { reviewStatus, transition, type Actor, type PracticeAction, type PracticeStatus } from "./practice-workflow";
import { log } from "./log.server";

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
      const set: Record<string, unknown> = { ...content, pending: null, reviewStatus: "published", revision: (p.revision ?? 0) + 1, contentUpdatedAt: now, staleNotifiedAt: null };
      if (content.title !== p.title) {
        set.slug = await uniqueSlug(content.title, p._id);
        if (set.slug !== p.slug) update = { $set: set, $addToSet: { oldSlugs: p.slug }, $inc: { version: 1 } };
      }
      update ??= { $set: set, $inc: { version: 1 } };
    } else {
      update = { $set: { "pending.status": to, reviewStatus: to, ...(to === "submitted" ? { "pending.submittedAt": now } : {}) }, $inc: { version: 1 } };
    }
  } else {
    // archive/unarchive keep a pending revision: back to published, the queue sees it again
    const set: Record<string, unknown> = { status: to, reviewStatus: reviewStatus(to, pendingStatus) };
    if (to === "submitted") set.submittedAt = now;
    if (to === "published" && action === "publish") {
      revisionContent = workingContent(p);
      set.publishedAt = p.publishedAt ?? now;
      set.revision = (p.revision ?? 0) + 1;
      set.contentUpdatedAt = now;
      set.staleNotifiedAt = null;
    }
    update = { $set: set, $inc: { version: 1 } };
  }
  const ok = await updatePractice(filter, update!);
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
      log.error({ err: e }, "review snapshot failed");
    }
  }
  if (action === "submit") await alertReviewers({ _id: p._id, title: workingContent(updated).title }, from === "changes-requested", String(actor.id));
  else invalidateModerationCounts();
  if (actor.as === "moderator") {
    const url = updated.status === "published" && !updated.pending ? `/practices/${updated.slug}` : `/practices/${updated._id}/edit`;
    try {
      await notify(p.ownerId, "practice-decision", url, { title: updated.title, action, status: to, comment: comment.slice(0, 500) });
    } catch (e) {
      log.error({ err: e }, "notify failed");
    }
  }
  await changed(p._id);
  return { ok: true, to, practice: updated };
}

/** Moderator decisions on a submission's content: each keeps a snapshot of what was reviewed. */
const reviewedActions: PracticeAction[] = ["request-changes", "reject", "publish"];
