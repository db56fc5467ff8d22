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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date ? new Date(a as Date).getTime() === new Date(b as Date).getTime() : String(a) === String(b);

/**
 * updateOne on a thread that survives FerretDB's lost updates: FerretDB 1.x applies an update by
 * reading and rewriting the document, so a concurrent write to the same thread (a reply's
 * counter update, another moderator) can overwrite ours with a stale copy. Re-read and
 * re-apply until the `$set` fields hold on two checks (or give up after ~1 s). See decision 006.
 */
export async function durableThreadUpdate(id: Types.ObjectId, set: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const update = { $set: set, $inc: { version: 1 }, ...extra };
  await Thread.updateOne({ _id: id }, update);
  const keys = Object.keys(set).filter((k) => !k.includes("."));
  let held = 0;
  for (const wait of [30, 120, 250, 300, 300]) {
    await sleep(wait);
    const doc = (await Thread.findById(id).lean()) as Record<string, unknown> | null;
    if (!doc) return;
    if (keys.every((k) => same(doc[k], set[k]))) {
      if (++held >= 2) return;
      continue;
    }
    held = 0;
    await Thread.updateOne({ _id: id }, { $set: set, $inc: { version: 1 } });
  }
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
  const [count, last, thread] = await Promise.all([
    Post.countDocuments(visible),
    Post.findOne(visible).sort({ createdAt: -1 }).select("createdAt").lean(),
    Thread.findById(tid).select("createdAt").lean(),
  ]);
  const lastPostAt = last?.createdAt ?? thread?.createdAt ?? new Date();
  await durableThreadUpdate(tid, { replyCount: count, lastPostAt });
  await enqueueIndex("thread", tid);
}

export async function touchThread(threadId: Types.ObjectId) {
  await Thread.updateOne({ _id: threadId }, { $inc: { version: 1 } });
  await enqueueIndex("thread", threadId);
}
