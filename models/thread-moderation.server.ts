// Moderating discussions: pin, lock, hide, approve held content and move threads; hide, unhide
// and approve replies. Every decision is audited.
import { Types } from "mongoose";
import { parseObjectId } from "./ids";
import { audit } from "./audit.server";
import { notify } from "./notification.server";
import { Post } from "./post.server";
import { Space } from "./space.server";
import { User } from "./user.server";
import { enqueueIndex } from "../search/outbox.server";
import { invalidateModerationCounts } from "./moderation-alerts.server";
import { canModerate, canSee } from "./thread-rules";
import { DiscussionError, updateThread, loadPost, loadThread, refreshThread, type DiscussionActor } from "./discussion.server";
import { notifyForReply, notifyForThread } from "./thread-notifications.server";

const oid = parseObjectId;

export const threadModerationActions = ["pin", "unpin", "lock", "unlock", "hide", "unhide", "approve", "move"] as const;
export type ThreadModerationAction = (typeof threadModerationActions)[number];

export async function moderateThread(actor: DiscussionActor, threadId: string, action: ThreadModerationAction, opts: { toSpaceId?: string; comment?: string } = {}) {
  const { thread, space } = await loadThread(threadId);
  if (!canModerate(actor, space)) throw new DiscussionError(canSee(actor, thread, space) ? "forbidden" : "not-found");
  const set: Record<string, unknown> = {};
  let from = "";
  let to = "";
  switch (action) {
    case "pin":
    case "unpin":
      set.pinned = action === "pin";
      break;
    case "lock":
    case "unlock":
      set.locked = action === "lock";
      break;
    case "hide":
    case "unhide":
      set.hidden = action === "hide";
      break;
    case "approve":
      if (!thread.held) return;
      set.held = false;
      break;
    case "move": {
      const target = opts.toSpaceId ? await Space.findById(oid(opts.toSpaceId) ?? undefined).lean() : null;
      if (!target) throw new DiscussionError("invalid");
      if (!canModerate(actor, target)) throw new DiscussionError("forbidden");
      set.spaceId = target._id;
      from = space.slug;
      to = target.slug;
      break;
    }
  }
  await updateThread(thread._id, set);
  invalidateModerationCounts();
  await enqueueIndex("thread", thread._id);
  await audit({ actorId: new Types.ObjectId(actor.id), subjectType: "thread", subjectId: thread._id, action: `thread-${action}`, from, to, comment: (opts.comment ?? "").slice(0, 4000) });
  if (action === "approve") {
    await User.updateOne({ _id: thread.authorId }, { $inc: { postsApproved: 1 } });
    await notify(thread.authorId, "held-approved", `/threads/${thread._id}`, { thread: thread.title });
    await notifyForThread(thread);
  }
}

export const postModerationActions = ["hide", "unhide", "approve"] as const;
export type PostModerationAction = (typeof postModerationActions)[number];

export async function moderatePost(actor: DiscussionActor, postId: string, action: PostModerationAction, comment = "") {
  const { post, thread, space } = await loadPost(postId);
  if (!canModerate(actor, space)) throw new DiscussionError(canSee(actor, post, space) ? "forbidden" : "not-found");
  if (action === "approve" && !post.held) return { threadId: String(thread._id) };
  const set = action === "approve" ? { held: false } : { hidden: action === "hide" };
  await Post.updateOne({ _id: post._id }, { $set: set });
  invalidateModerationCounts();
  await audit({ actorId: new Types.ObjectId(actor.id), subjectType: "post", subjectId: post._id, action: `post-${action}`, comment: comment.slice(0, 4000) });
  await refreshThread(thread._id);
  if (action === "approve") {
    await User.updateOne({ _id: post.authorId }, { $inc: { postsApproved: 1 } });
    await notify(post.authorId, "held-approved", `/posts/${post._id}`, { thread: thread.title });
    await notifyForReply(post, thread);
  }
  return { threadId: String(thread._id) };
}
