// Members writing discussions: threads (open, edit, delete, with the practices they link) and
// replies (post, edit, delete), with the rate limit, holds and notifications they involve.
import { Types } from "mongoose";
import { parseObjectId } from "./ids";
import { connectDb } from "./db.server";
import { audit } from "./audit.server";
import { Thread } from "./thread.server";
import { Post } from "./post.server";
import { Space, type SpaceDoc } from "./space.server";
import { Practice } from "./practice.server";
import { enqueueIndex } from "../search/outbox.server";
import { alertHeld } from "./moderation-alerts.server";
import { canDelete, canEdit, canSee, canStartThread, replyRefusal } from "./thread-rules";
import type { RichText } from "./rich-text/render.server";
import { DiscussionError, updateThread, loadPost, loadThread, refreshThread, touchThread, type DiscussionActor } from "./discussion.server";
import { checkRate, shouldHold } from "./posting-limits.server";
import { notifyForReply, notifyForThread, notifyNewMentions } from "./thread-notifications.server";

const oid = parseObjectId;

// ---- practices linked from threads ------------------------------------------------------

/** Lines holding practice slugs or URLs → published practice ids; `unknown` lists what did not match. */
export async function resolvePracticeRefs(lines: string[]): Promise<{ ids: Types.ObjectId[]; unknown: string[] }> {
  const slugs: string[] = [];
  const unknown: string[] = [];
  for (const line of lines.slice(0, 20)) {
    const m = line.match(/(?:\/practices\/)?([a-z0-9][a-z0-9-]{0,150})\/?(?:[?#].*)?$/i);
    if (m && (/^[a-z0-9-]+$/i.test(line) || line.includes("/practices/"))) slugs.push(m[1].toLowerCase());
    else unknown.push(line);
  }
  if (lines.length > 20) unknown.push(...lines.slice(20));
  if (!slugs.length) return { ids: [], unknown };
  await connectDb();
  const found = await Practice.find({ slug: { $in: slugs }, status: "published" }).select("slug").lean();
  const bySlug = new Map(found.map((p) => [p.slug, p._id as Types.ObjectId]));
  for (const s of slugs) if (!bySlug.has(s)) unknown.push(s);
  return { ids: [...new Set(slugs)].filter((s) => bySlug.has(s)).map((s) => bySlug.get(s)!), unknown };
}

// ---- threads ----------------------------------------------------------------------------

export interface ThreadInput {
  title: string;
  body: RichText;
  language: string;
  objectives: number[];
  region: string;
  practiceIds: Types.ObjectId[];
}

export async function createThread(actor: DiscussionActor, spaceId: string, input: ThreadInput) {
  await connectDb();
  const space = (await Space.findById(oid(spaceId) ?? undefined).lean()) as SpaceDoc | null;
  if (!space) throw new DiscussionError("not-found");
  if (!canStartThread(actor, space)) throw new DiscussionError("closed");
  await checkRate(actor);
  const held = shouldHold(actor, space);
  const thread = await Thread.create({ ...input, spaceId: space._id, authorId: actor.id, held, lastPostAt: new Date() });
  await enqueueIndex("thread", thread._id);
  if (!held) await notifyForThread(thread);
  else await alertHeld(thread._id, actor.id);
  return { id: String(thread._id), held };
}

export async function editThread(actor: DiscussionActor, threadId: string, input: ThreadInput) {
  const { thread, space } = await loadThread(threadId);
  if (!canSee(actor, thread, space)) throw new DiscussionError("not-found");
  if (!canEdit(actor, thread, thread, space)) throw new DiscussionError("forbidden");
  const old = await Thread.findById(thread._id).select("title body").lean();
  await updateThread(thread._id, { ...input, editedAt: new Date() }, { $push: { history: { title: old?.title ?? "", body: old?.body ?? {}, editedAt: new Date() } } });
  await enqueueIndex("thread", thread._id);
  if (!thread.held && !thread.hidden) {
    await notifyNewMentions(thread.authorId, old?.body?.text ?? "", input.body?.text ?? "", `/threads/${thread._id}`, { title: input.title });
  }
}

export async function deleteThread(actor: DiscussionActor, threadId: string) {
  const { thread, space } = await loadThread(threadId);
  if (!canSee(actor, thread, space)) throw new DiscussionError("not-found");
  if (!canDelete(actor, thread, space)) throw new DiscussionError("forbidden");
  await updateThread(thread._id, { deletedAt: new Date() });
  await enqueueIndex("thread", thread._id);
  await audit({ actorId: new Types.ObjectId(actor.id), subjectType: "thread", subjectId: thread._id, action: "delete-by-author" });
  return { spaceId: String(space._id), spaceSlug: space.slug };
}

// ---- replies ----------------------------------------------------------------------------

export async function replyToThread(actor: DiscussionActor, threadId: string, body: RichText, quoteOf?: string) {
  const { thread, space } = await loadThread(threadId);
  if (!canSee(actor, thread, space) || thread.held) throw new DiscussionError("not-found");
  const refusal = replyRefusal(thread, space);
  if (refusal === "unavailable") throw new DiscussionError("not-found");
  if (refusal) throw new DiscussionError(refusal);
  let quote: Types.ObjectId | null = null;
  if (quoteOf) {
    if (quoteOf === String(thread._id)) quote = thread._id;
    else {
      const q = oid(quoteOf) ? await Post.findOne({ _id: oid(quoteOf), threadId: thread._id, hidden: false, held: false, deletedAt: null }).select("_id").lean() : null;
      if (!q) throw new DiscussionError("invalid");
      quote = q._id as Types.ObjectId;
    }
  }
  await checkRate(actor);
  const held = shouldHold(actor, space);
  const post = await Post.create({ threadId: thread._id, authorId: actor.id, body, quoteOf: quote, held });
  if (!held) {
    await refreshThread(thread._id);
    await notifyForReply(post, thread);
  } else await alertHeld(thread._id, actor.id);
  return { id: String(post._id), held };
}

export async function editPost(actor: DiscussionActor, postId: string, body: RichText) {
  const { post, thread, space } = await loadPost(postId);
  if (!canSee(actor, post, space)) throw new DiscussionError("not-found");
  if (!canEdit(actor, post, thread, space)) throw new DiscussionError("forbidden");
  const old = await Post.findById(post._id).select("body").lean();
  await Post.updateOne({ _id: post._id }, { $set: { body, editedAt: new Date() }, $push: { history: { body: old?.body ?? {}, editedAt: new Date() } } });
  await touchThread(thread._id);
  if (!post.held && !post.hidden) await notifyNewMentions(post.authorId, old?.body?.text ?? "", body?.text ?? "", `/posts/${post._id}`, thread);
  return { threadId: String(thread._id) };
}

export async function deletePost(actor: DiscussionActor, postId: string) {
  const { post, space, thread } = await loadPost(postId);
  if (!canSee(actor, post, space)) throw new DiscussionError("not-found");
  if (!canDelete(actor, post, space)) throw new DiscussionError("forbidden");
  await Post.updateOne({ _id: post._id }, { $set: { deletedAt: new Date() } });
  await audit({ actorId: new Types.ObjectId(actor.id), subjectType: "post", subjectId: post._id, action: "delete-by-author" });
  await refreshThread(thread._id);
  return { threadId: String(thread._id) };
}
