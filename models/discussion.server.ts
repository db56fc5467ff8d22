// The common ground of writing discussions: the domain error, who acts, loading a thread or a
// post with its space, and the thread update that survives FerretDB's lost updates (decision
// 006). Every change that may alter what a thread looks like in search bumps `version` on the
// thread and enqueues it (replies are indexed through their thread).
import { Types } from "mongoose";
import { parseObjectId } from "./ids";
import { connectDb } from "./db.server";
import { Thread, type ThreadDoc } from "./thread.server";
import { Post, type PostDoc } from "./post.server";
import { Space, type SpaceDoc } from "./space.server";
import { enqueueIndex } from "../search/outbox.server";
import type { Actor } from "./thread-rules";

export type DiscussionErrorCode = "not-found" | "forbidden" | "locked" | "closed" | "rate-limited" | "invalid";
export class DiscussionError extends Error {
  constructor(
    public code: DiscussionErrorCode,
    public retryAfterMs = 0,
  ) {
    super(code);
  }
}

export interface DiscussionActor extends Actor {
  displayName: string;
  postsApproved?: number | null;
}

export function actorOf(u: { _id: unknown; roles?: readonly string[] | null; displayName: string; postsApproved?: number | null }): DiscussionActor {
  return { id: String(u._id), roles: [...(u.roles ?? ["member"])], displayName: u.displayName, postsApproved: u.postsApproved ?? 0 };
}

const oid = parseObjectId;

// ---- helpers ----------------------------------------------------------------------------

/** One atomic update of a thread (MongoDB; FerretDB as patched in decision 015), bumping its version. */
export async function updateThread(id: Types.ObjectId, set: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  await Thread.updateOne({ _id: id }, { $set: set, $inc: { version: 1 }, ...extra });
}

export async function loadThread(threadId: string) {
  await connectDb();
  const id = oid(threadId);
  if (!id) throw new DiscussionError("not-found");
  const thread = (await Thread.findById(id).lean()) as ThreadDoc | null;
  if (!thread) throw new DiscussionError("not-found");
  const space = (await Space.findById(thread.spaceId).lean()) as SpaceDoc | null;
  if (!space) throw new DiscussionError("not-found");
  return { thread, space };
}

export async function loadPost(postId: string) {
  await connectDb();
  const id = oid(postId);
  if (!id) throw new DiscussionError("not-found");
  const post = (await Post.findById(id).lean()) as PostDoc | null;
  if (!post) throw new DiscussionError("not-found");
  const { thread, space } = await loadThread(String(post.threadId));
  return { post, thread, space };
}

/** Recounts visible replies and the last activity, bumps the version, enqueues the thread for search. */
export async function refreshThread(threadId: Types.ObjectId | string) {
  const tid = typeof threadId === "string" ? new Types.ObjectId(threadId) : threadId;
  const visible = { threadId: tid, hidden: false, held: false, deletedAt: null };
  const derive = async () => {
    const [count, last, thread] = await Promise.all([
      Post.countDocuments(visible),
      Post.findOne(visible).sort({ createdAt: -1 }).select("createdAt").lean(),
      Thread.findById(tid).select("createdAt").lean(),
    ]);
    return { replyCount: count, lastPostAt: last?.createdAt ?? thread?.createdAt ?? new Date() };
  };
  // Derived, not incremented: write, derive again, and write again until they agree. Of refreshes
  // racing (20 replies at once), the last to write has checked after its own write, so the
  // stored count is never a stale one.
  let next = await derive();
  for (let attempt = 0; attempt < 10; attempt++) {
    await updateThread(tid, next);
    const again = await derive();
    if (again.replyCount === next.replyCount && again.lastPostAt.getTime() === next.lastPostAt.getTime()) break;
    next = again;
  }
  await enqueueIndex("thread", tid);
}

export async function touchThread(threadId: Types.ObjectId) {
  await Thread.updateOne({ _id: threadId }, { $inc: { version: 1 } });
  await enqueueIndex("thread", threadId);
}
