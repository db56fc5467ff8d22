// Writing discussions: threads, replies, edits, deletes, moderation, reports, holds, and the
// notifications they cause. Every change that may alter what a thread looks like in search
// bumps `version` on the thread and enqueues it (replies are indexed through their thread).
import { Types } from "mongoose";
import { parseObjectId } from "./ids";
import { connectDb } from "./db.server";
import { audit } from "./audit.server";
import { notify, Notification, type NotificationKind } from "./notification.server";
import { consumeRateLimit } from "./rate-limit.server";
import { Thread, type ThreadDoc } from "./thread.server";
import { Post, type PostDoc } from "./post.server";
import { Space, type SpaceDoc } from "./space.server";
import { User } from "./user.server";
import { Practice } from "./practice.server";
import { Report } from "./report.server";
import { followersOf } from "./follow.server";
import { enqueueIndex } from "../search/outbox.server";
import { alertHeld, invalidateModerationCounts } from "./moderation-alerts.server";
import { canDelete, canEdit, canModerate, canSee, canStartThread, isSpaceModerator, replyRefusal, type Actor } from "./thread-rules";
import type { RichText } from "./rich-text/render.server";

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

// ---- limits and holds -----------------------------------------------------------------

export function postRateLimit() {
  const limit = Number(process.env.HUB_POST_RATE_LIMIT ?? "20");
  const windowMs = Number(process.env.HUB_POST_RATE_WINDOW_MS ?? String(10 * 60_000));
  return { limit: Number.isFinite(limit) && limit > 0 ? limit : 20, windowMs: Number.isFinite(windowMs) && windowMs > 0 ? windowMs : 600_000 };
}

export const postRateKey = (userId: string) => `post:${userId}`;

async function checkRate(actor: DiscussionActor) {
  const { limit, windowMs } = postRateLimit();
  const r = await consumeRateLimit(postRateKey(actor.id), limit, windowMs);
  if (!r.ok) throw new DiscussionError("rate-limited", r.retryAfterMs);
}

/** How many approved posts a member needs before their posts skip the hold. */
export function holdThreshold() {
  const n = Number(process.env.HUB_HOLD_FIRST_POSTS ?? "2");
  return Number.isFinite(n) && n >= 0 ? n : 2;
}

export function shouldHold(actor: DiscussionActor, space: Pick<SpaceDoc, "holdFirstPosts" | "moderatorIds">): boolean {
  if (!space.holdFirstPosts) return false;
  if (isSpaceModerator(actor, space)) return false;
  return (actor.postsApproved ?? 0) < holdThreshold();
}

// ---- mentions -------------------------------------------------------------------------

/**
 * Mentions are `@` followed by a member's display name, matched exactly (case-sensitive) —
 * the longest display name that follows the `@` wins, so "@Kwame Mensah, thanks" finds
 * "Kwame Mensah". Returns the candidate strings for each `@`.
 */
export function mentionCandidates(text: string): string[][] {
  const out: string[][] = [];
  const re = /(?<![\p{L}\p{N}_@.])@([^\s@][^@\n]{0,100})/gu;
  for (const m of text.matchAll(re)) {
    const words = m[1].split(/[ \t]+/).slice(0, 6);
    const cands = new Set<string>();
    for (let i = 1; i <= words.length; i++) {
      const raw = words.slice(0, i).join(" ");
      cands.add(raw);
      cands.add(raw.replace(/[.,;:!?]+$/u, ""));
      cands.add(raw.replace(/[.,;:!?)"'»”’]+$/u, ""));
    }
    out.push([...cands].filter((c) => c.length > 0 && c.length <= 80));
    if (out.length >= 20) break;
  }
  return out;
}

export async function resolveMentions(text: string): Promise<string[]> {
  const groups = mentionCandidates(text);
  if (!groups.length) return [];
  const all = [...new Set(groups.flat())];
  const users = await User.find({ displayName: { $in: all }, disabledAt: null }).select("displayName").limit(100).lean();
  const byName = new Map<string, string[]>();
  for (const u of users) byName.set(u.displayName, [...(byName.get(u.displayName) ?? []), String(u._id)]);
  const ids = new Set<string>();
  for (const g of groups) {
    const best = g.filter((c) => byName.has(c)).sort((a, b) => b.length - a.length)[0];
    if (best) for (const id of byName.get(best)!.slice(0, 3)) ids.add(id);
    if (ids.size >= 10) break;
  }
  return [...ids];
}

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

async function loadThread(threadId: string) {
  await connectDb();
  const id = oid(threadId);
  if (!id) throw new DiscussionError("not-found");
  const thread = (await Thread.findById(id).lean()) as ThreadDoc | null;
  if (!thread) throw new DiscussionError("not-found");
  const space = (await Space.findById(thread.spaceId).lean()) as SpaceDoc | null;
  if (!space) throw new DiscussionError("not-found");
  return { thread, space };
}

async function loadPost(postId: string) {
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

async function touchThread(threadId: Types.ObjectId) {
  await Thread.updateOne({ _id: threadId }, { $inc: { version: 1 } });
  await enqueueIndex("thread", threadId);
}

async function sendAll(list: { userId: string; kind: NotificationKind; url: string; params: Record<string, string | number> }[]) {
  if (!list.length) return;
  try {
    await Notification.insertMany(list.map((n) => ({ ...n, readAt: null })), { ordered: false });
  } catch (e) {
    console.error("notifications: insert failed", e);
  }
}

/** Notifications for a visible reply: quote and mention each notify; the thread's author gets "reply" otherwise; followers get "followed-reply". */
export async function notifyForReply(post: Pick<PostDoc, "_id" | "authorId" | "quoteOf" | "body">, thread: Pick<ThreadDoc, "_id" | "authorId" | "title">) {
  const authorId = String(post.authorId);
  const actor = await User.findById(post.authorId).select("displayName").lean();
  const params = { thread: thread.title, actor: actor?.displayName ?? "" };
  const url = `/posts/${post._id}`;
  const kinds = new Map<string, Set<NotificationKind>>();
  const add = (uid: string, k: NotificationKind) => {
    if (uid === authorId) return;
    if (!kinds.has(uid)) kinds.set(uid, new Set());
    kinds.get(uid)!.add(k);
  };
  if (post.quoteOf) {
    if (String(post.quoteOf) === String(thread._id)) add(String(thread.authorId), "quote");
    else {
      const quoted = await Post.findById(post.quoteOf).select("authorId").lean();
      if (quoted) add(String(quoted.authorId), "quote");
    }
  }
  for (const uid of await resolveMentions(post.body?.text ?? "")) add(uid, "mention");
  const threadAuthor = String(thread.authorId);
  if (!kinds.has(threadAuthor)) add(threadAuthor, "reply");
  for (const uid of await followersOf([{ targetType: "thread", targetKey: String(thread._id) }])) if (!kinds.has(uid)) add(uid, "followed-reply");
  await sendAll([...kinds].flatMap(([userId, ks]) => [...ks].map((kind) => ({ userId, kind, url, params }))));
}

/** Notifications for a visible new thread: mentions, and followers of its space or objectives. */
export async function notifyForThread(thread: Pick<ThreadDoc, "_id" | "authorId" | "title" | "spaceId" | "objectives" | "body">) {
  const authorId = String(thread.authorId);
  const [actor, space] = await Promise.all([
    User.findById(thread.authorId).select("displayName").lean(),
    Space.findById(thread.spaceId).select("title").lean(),
  ]);
  const params = { thread: thread.title, actor: actor?.displayName ?? "", space: space?.title ?? "" };
  const url = `/threads/${thread._id}`;
  const sent = new Set<string>([authorId]);
  const list: { userId: string; kind: NotificationKind; url: string; params: Record<string, string | number> }[] = [];
  for (const uid of await resolveMentions(thread.body?.text ?? "")) {
    if (!sent.has(uid)) list.push({ userId: uid, kind: "mention", url, params });
    sent.add(uid);
  }
  const followers = await followersOf([
    { targetType: "space", targetKey: String(thread.spaceId) },
    ...(thread.objectives ?? []).map((n) => ({ targetType: "objective" as const, targetKey: String(n) })),
  ]);
  for (const uid of followers) {
    if (!sent.has(uid)) list.push({ userId: uid, kind: "new-thread", url, params });
    sent.add(uid);
  }
  await sendAll(list);
}

/** After an edit of visible content: people mentioned now who were not mentioned before. */
async function notifyNewMentions(
  authorId: unknown,
  oldText: string,
  newText: string,
  url: string,
  thread: Pick<ThreadDoc, "title">,
) {
  const before = new Set(await resolveMentions(oldText));
  const fresh = (await resolveMentions(newText)).filter((uid) => !before.has(uid) && uid !== String(authorId));
  if (!fresh.length) return;
  const actor = await User.findById(authorId).select("displayName").lean();
  const params = { thread: thread.title, actor: actor?.displayName ?? "" };
  await sendAll(fresh.map((userId) => ({ userId, kind: "mention" as NotificationKind, url, params })));
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
  await durableThreadUpdate(thread._id, { ...input, editedAt: new Date() }, { $push: { history: { title: old?.title ?? "", body: old?.body ?? {}, editedAt: new Date() } } });
  await enqueueIndex("thread", thread._id);
  if (!thread.held && !thread.hidden) {
    await notifyNewMentions(thread.authorId, old?.body?.text ?? "", input.body?.text ?? "", `/threads/${thread._id}`, { title: input.title });
  }
}

export async function deleteThread(actor: DiscussionActor, threadId: string) {
  const { thread, space } = await loadThread(threadId);
  if (!canSee(actor, thread, space)) throw new DiscussionError("not-found");
  if (!canDelete(actor, thread, space)) throw new DiscussionError("forbidden");
  await durableThreadUpdate(thread._id, { deletedAt: new Date() });
  await enqueueIndex("thread", thread._id);
  await audit({ actorId: new Types.ObjectId(actor.id), subjectType: "thread", subjectId: thread._id, action: "delete-by-author" });
  return { spaceId: String(space._id), spaceSlug: space.slug };
}

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
  await durableThreadUpdate(thread._id, set);
  invalidateModerationCounts();
  await enqueueIndex("thread", thread._id);
  await audit({ actorId: new Types.ObjectId(actor.id), subjectType: "thread", subjectId: thread._id, action: `thread-${action}`, from, to, comment: (opts.comment ?? "").slice(0, 4000) });
  if (action === "approve") {
    await User.updateOne({ _id: thread.authorId }, { $inc: { postsApproved: 1 } });
    await notify(thread.authorId, "held-approved", `/threads/${thread._id}`, { thread: thread.title });
    await notifyForThread(thread);
  }
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
