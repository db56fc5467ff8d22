// Reports on discussion content: whether the reporter may report it, and a moderator acting
// on a report (hide the content, resolve, dismiss), which notifies every reporter.
import { Types } from "mongoose";
import { parseObjectId } from "./ids";
import { connectDb } from "./db.server";
import { audit } from "./audit.server";
import { notify } from "./notification.server";
import { Thread } from "./thread.server";
import { Report } from "./report.server";
import { invalidateModerationCounts } from "./moderation-alerts.server";
import { canModerate, canSee } from "./thread-rules";
import { DiscussionError, loadPost, loadThread, type DiscussionActor } from "./discussion.server";
import { moderatePost, moderateThread } from "./thread-moderation.server";

const oid = parseObjectId;

// ---- reports ----------------------------------------------------------------------------

/** Checks that the reporter may see (and report) the subject; returns the thread id. */
export async function reportable(actor: DiscussionActor, subjectType: "thread" | "post", subjectId: string) {
  if (subjectType === "thread") {
    const { thread, space } = await loadThread(subjectId);
    if (!canSee(actor, thread, space) || thread.deletedAt) throw new DiscussionError("not-found");
    return { threadId: String(thread._id), authorId: String(thread.authorId), excerpt: (thread.body?.text || thread.title).slice(0, 300), title: thread.title };
  }
  const { post, thread, space } = await loadPost(subjectId);
  if (!canSee(actor, post, space) || !canSee(actor, thread, space) || post.deletedAt) throw new DiscussionError("not-found");
  return { threadId: String(thread._id), authorId: String(post.authorId), excerpt: (post.body?.text ?? "").slice(0, 300), title: thread.title };
}

export const reportActions = ["hide", "resolve", "dismiss"] as const;
export type ReportAction = (typeof reportActions)[number];

export async function actOnReport(actor: DiscussionActor, reportId: string, action: ReportAction, comment = "") {
  await connectDb();
  const report = oid(reportId) ? await Report.findById(oid(reportId)).lean() : null;
  if (!report) throw new DiscussionError("not-found");
  const { space } = await loadThread(String(report.threadId));
  if (!canModerate(actor, space)) throw new DiscussionError("forbidden");
  if (action === "hide") {
    if (report.subjectType === "thread") await moderateThread(actor, String(report.subjectId), "hide", { comment });
    else await moderatePost(actor, String(report.subjectId), "hide", comment);
  }
  const status = action === "dismiss" ? "dismissed" : "resolved";
  const resolution = action === "hide" ? "hidden" : action === "dismiss" ? "dismissed" : "none";
  // Hiding settles every open report on the same content.
  const filter: Record<string, unknown> =
    action === "hide" ? { subjectType: report.subjectType, subjectId: report.subjectId, status: "open" } : { _id: report._id };
  const affected = (await Report.find(filter).lean()) as { reporterId: Types.ObjectId }[];
  await Report.updateMany(filter, { $set: { status, resolution, resolvedBy: new Types.ObjectId(actor.id), resolvedAt: new Date() } });
  invalidateModerationCounts();
  await audit({ actorId: new Types.ObjectId(actor.id), subjectType: "report", subjectId: report._id, action: `report-${action}`, comment: comment.slice(0, 4000) });
  const thread = await Thread.findById(report.threadId).select("title").lean();
  for (const r of affected) await notify(r.reporterId, "report-resolved", `/threads/${report.threadId}`, { thread: thread?.title ?? "", resolution });
}
