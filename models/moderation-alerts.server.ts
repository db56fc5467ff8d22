// Telling moderators that something waits for them: in-app notifications for new submissions
// (and resubmissions), new reports and held posts, and the in-process cache of the header
// badge's counts (models/moderation-counts.server.ts), which every such event invalidates.
import { Types } from "mongoose";
import { rolesWith } from "./permissions";
import { recordNotifications, type NotificationKind } from "./notification.server";
import { Space } from "./space.server";
import { Thread } from "./thread.server";
import { User } from "./user.server";
import { log } from "./log.server";

/** Cached badge counts by scope ("all" or a space moderator's spaces); see moderation-counts. */
export const moderationCountsCache = new Map<string, { at: number; value: unknown }>();
let countsGeneration = 0;
export function invalidateModerationCounts() {
  countsGeneration++;
  moderationCountsCache.clear();
}
/** Bumped by every invalidation: a count read across one is not kept (moderation-counts). */
export const moderationCountsGeneration = () => countsGeneration;

async function send(userIds: Iterable<string>, kind: NotificationKind, url: string, params: Record<string, string | number>, except?: string | null) {
  const list = [...new Set(userIds)].filter((id) => id !== except).map((userId) => ({ userId, kind, url, params }));
  if (!list.length) return;
  try {
    await recordNotifications(list);
  } catch (e) {
    // A missed alert must never undo the submission or the report that caused it.
    log.error({ err: e }, "moderator notifications: insert failed");
  }
}

async function usersWithRoles(roles: readonly string[]): Promise<string[]> {
  const filter: Record<string, unknown> = { roles: { $in: [...roles] }, disabledAt: null };
  const users = (await User.find(filter).select("_id").limit(1000).lean()) as { _id: Types.ObjectId }[];
  return users.map((u) => String(u._id));
}

/** A practice (or a revision of one) was submitted for review: every reviewer hears of it. */
export async function alertReviewers(practice: { _id: Types.ObjectId | string; title: string }, resubmitted: boolean, actorId: string) {
  invalidateModerationCounts();
  try {
    const ids = await usersWithRoles(rolesWith("review:practice"));
    await send(ids, "practice-submitted", `/moderation/practices/${practice._id}`, { title: practice.title, resubmitted: resubmitted ? 1 : 0 }, actorId);
  } catch (e) {
    log.error({ err: e }, "moderator notifications failed");
  }
}

/** The discussion moderators of a thread's space: global moderators and the space's own. */
async function discussionModeratorsOf(threadId: Types.ObjectId | string) {
  const thread = await Thread.findById(threadId).select("title spaceId").lean();
  if (!thread) return null;
  const space = await Space.findById(thread.spaceId).select("moderatorIds").lean();
  const global = await usersWithRoles(rolesWith("moderate:discussion"));
  return { thread, ids: [...global, ...(space?.moderatorIds ?? []).map(String)] };
}

/** Somebody reported a thread or a reply. */
export async function alertNewReport(threadId: Types.ObjectId | string, reporterId: string) {
  invalidateModerationCounts();
  try {
    const m = await discussionModeratorsOf(threadId);
    if (m) await send(m.ids, "report-new", "/moderation/reports?tab=open", { thread: m.thread.title }, reporterId);
  } catch (e) {
    log.error({ err: e }, "moderator notifications failed");
  }
}

/** A new member's thread or reply is held until a moderator approves it. */
export async function alertHeld(threadId: Types.ObjectId | string, authorId: string) {
  invalidateModerationCounts();
  try {
    const m = await discussionModeratorsOf(threadId);
    if (m) await send(m.ids, "post-held", "/moderation/reports?tab=held", { thread: m.thread.title }, authorId);
  } catch (e) {
    log.error({ err: e }, "moderator notifications failed");
  }
}
