// Reading discussions for the pages: what a viewer may see (the public, the author of held
// content, moderators), with the rules from models/thread-rules.ts.
import { displayNames } from "./user-names.server";
import { Types } from "mongoose";
import { parseObjectId } from "./ids";
import { connectDb } from "./db.server";
import { Thread, type ThreadDoc } from "./thread.server";
import { Post, type PostDoc } from "./post.server";
import { Space, type SpaceDoc } from "./space.server";
import { Practice } from "./practice.server";
import { Report } from "./report.server";
import { canDelete, canEdit, canModerate, canReply, canReport, canSee, isSpaceModerator, replyRefusal, spaceOpen, type Actor } from "./thread-rules";
import { can } from "./permissions";

/** Threads anyone may read (the sitemap and the listings use the same condition). */
export const visibleThreadFilter = { hidden: false, held: false, deletedAt: null };
const visible = visibleThreadFilter;
const oid = parseObjectId;

function threadCard(d: ThreadDoc, names: Map<string, string>) {
  return {
    id: String(d._id),
    title: d.title,
    language: d.language,
    author: names.get(String(d.authorId)) ?? "",
    replyCount: d.replyCount,
    lastPostAt: d.lastPostAt.toISOString(),
    excerpt: d.body?.text?.slice(0, 240) ?? "",
    pinned: Boolean(d.pinned),
    locked: Boolean(d.locked),
    held: Boolean(d.held),
    hidden: Boolean(d.hidden),
    objectives: d.objectives ?? [],
    region: d.region,
  };
}
export type ThreadCard = ReturnType<typeof threadCard>;

/** Cards for these threads, with their authors' names (one lookup). */
export async function threadCards(docs: ThreadDoc[]) {
  const names = await displayNames(docs.map((d) => d.authorId));
  return docs.map((d) => threadCard(d, names));
}

/** Visible threads, latest activity first, from MongoDB (the fallback of search/thread-listing). */
export async function latestThreads(page: number, perPage: number, opts: { objective?: number } = {}) {
  await connectDb();
  const filter: Record<string, unknown> = { ...visible };
  if (opts.objective) filter.objectives = opts.objective;
  const [total, docs] = await Promise.all([
    Thread.countDocuments(filter),
    Thread.find(filter).sort({ lastPostAt: -1 }).skip((page - 1) * perPage).limit(perPage).lean(),
  ]);
  return { total, threads: await threadCards(docs as ThreadDoc[]) };
}

function spaceSummary(s: SpaceDoc) {
  return {
    id: String(s._id),
    slug: s.slug,
    title: s.title,
    description: s.description,
    titles: { ...((s.titles ?? {}) as Record<string, string | undefined>) },
    descriptions: { ...((s.descriptions ?? {}) as Record<string, string | undefined>) },
    audience: s.audience,
    languages: s.languages ?? [],
    opensAt: s.opensAt ? s.opensAt.toISOString() : null,
    closesAt: s.closesAt ? s.closesAt.toISOString() : null,
    open: spaceOpen(s),
    holdFirstPosts: Boolean(s.holdFirstPosts),
  };
}
export type SpaceSummary = ReturnType<typeof spaceSummary>;

export async function spaceSummaries() {
  await connectDb();
  const spaces = (await Space.find({}).sort({ title: 1 }).limit(200).lean()) as SpaceDoc[];
  return spaces.map(spaceSummary);
}

/** Visible threads per space, from MongoDB (the fallback of search/thread-listing). */
export async function threadCountsBySpace(spaceIds: string[]): Promise<Record<string, number>> {
  await connectDb();
  const counts = await Promise.all(spaceIds.map((id) => Thread.countDocuments({ spaceId: new Types.ObjectId(id), ...visible })));
  return Object.fromEntries(spaceIds.map((id, i) => [id, counts[i]]));
}

export async function findSpace(slug: string) {
  await connectDb();
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  return (await Space.findOne({ slug }).lean()) as SpaceDoc | null;
}

/** A space and its threads as the viewer may see them, from MongoDB; `threads: false` gives the
 *  space alone (search/thread-listing then reads the threads from the index). */
export async function spacePage(slug: string, viewer: Actor | null, page: number, perPage: number, opts: { threads?: boolean } = {}) {
  const space = await findSpace(slug);
  if (!space) return null;
  const mod = canModerate(viewer, space);
  const filter: Record<string, unknown> = mod
    ? { spaceId: space._id, deletedAt: null }
    : viewer
      ? { spaceId: space._id, deletedAt: null, hidden: false, $or: [{ held: false }, { authorId: new Types.ObjectId(viewer.id) }] }
      : { spaceId: space._id, ...visible };
  const [total, docs] =
    opts.threads === false
      ? [0, []]
      : await Promise.all([
          Thread.countDocuments(filter),
          Thread.find(filter).sort({ pinned: -1, lastPostAt: -1 }).skip((page - 1) * perPage).limit(perPage).lean(),
        ]);
  const names = await displayNames([...(docs as ThreadDoc[]).map((d) => d.authorId), ...(space.moderatorIds ?? [])]);
  return {
    space: { ...spaceSummary(space), moderators: (space.moderatorIds ?? []).map((id) => names.get(String(id)) ?? "").filter(Boolean) },
    threads: (docs as ThreadDoc[]).map((d) => threadCard(d, names)),
    total,
    canModerate: mod,
  };
}

function excerpt(text: string, n = 280) {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

/** Which replies a viewer sees in the list. */
function replyFilter(threadId: Types.ObjectId, viewer: Actor | null, mod: boolean): Record<string, unknown> {
  if (mod) return { threadId };
  if (viewer) return { threadId, hidden: false, $or: [{ held: false }, { authorId: new Types.ObjectId(viewer.id) }] };
  return { threadId, hidden: false, held: false };
}

export async function threadPage(id: string, viewer: Actor | null, page: number, perPage: number) {
  await connectDb();
  const tid = oid(id);
  if (!tid) return null;
  const thread = (await Thread.findById(tid).lean()) as ThreadDoc | null;
  if (!thread || thread.deletedAt) return null;
  const space = (await Space.findById(thread.spaceId).lean()) as SpaceDoc | null;
  if (!space) return null;
  if (!canSee(viewer, thread, space)) return null;
  const mod = canModerate(viewer, space);
  const filter = replyFilter(thread._id, viewer, mod);
  const [total, posts] = await Promise.all([
    Post.countDocuments(filter),
    Post.find(filter).sort({ createdAt: 1, _id: 1 }).skip((page - 1) * perPage).limit(perPage).lean(),
  ]);
  const quoteIds = (posts as PostDoc[]).map((p) => p.quoteOf).filter((q): q is Types.ObjectId => Boolean(q) && String(q) !== String(thread._id));
  const quoted = (await Post.find({ _id: { $in: quoteIds } }).lean()) as PostDoc[];
  const quotedById = new Map(quoted.map((q) => [String(q._id), q]));
  const names = await displayNames([thread.authorId, ...(posts as PostDoc[]).map((p) => p.authorId), ...quoted.map((q) => q.authorId)]);
  const practices = thread.practiceIds?.length
    ? await Practice.find({ _id: { $in: thread.practiceIds }, status: "published" }).select("slug title language").lean()
    : [];
  const openReports = mod ? await Report.countDocuments({ threadId: thread._id, status: "open" }) : 0;
  const refusal = replyRefusal(thread, space);

  const quoteOf = (q: Types.ObjectId | null | undefined) => {
    if (!q) return null;
    if (String(q) === String(thread._id)) return { id: String(thread._id), author: names.get(String(thread.authorId)) ?? "", text: excerpt(thread.body?.text ?? ""), available: true, isThread: true };
    const p = quotedById.get(String(q));
    const available = Boolean(p && !p.hidden && !p.held && !p.deletedAt);
    return { id: String(q), author: p && available ? names.get(String(p.authorId)) ?? "" : "", text: p && available ? excerpt(p.body?.text ?? "") : "", available, isThread: false };
  };

  return {
    thread: {
      id: String(thread._id),
      title: thread.title,
      language: thread.language,
      html: thread.body?.html ?? "",
      text: thread.body?.text ?? "",
      author: names.get(String(thread.authorId)) ?? "",
      authorId: String(thread.authorId),
      createdAt: thread.createdAt.toISOString(),
      editedAt: thread.editedAt ? thread.editedAt.toISOString() : null,
      locked: Boolean(thread.locked),
      pinned: Boolean(thread.pinned),
      hidden: Boolean(thread.hidden),
      held: Boolean(thread.held),
      objectives: thread.objectives ?? [],
      region: thread.region,
      practices: practices.map((p) => ({ slug: p.slug, title: p.title, language: p.language })),
      canEdit: canEdit(viewer, thread, thread, space),
      canDelete: canDelete(viewer, thread, space),
      canReport: canReport(viewer, thread),
    },
    space: { id: String(space._id), slug: space.slug, title: space.title, titles: { ...((space.titles ?? {}) as Record<string, string | undefined>) }, open: spaceOpen(space) },
    replyRefusal: refusal,
    canReply: canReply(viewer, thread, space) && !thread.held,
    canModerate: mod,
    openReports,
    total,
    replies: (posts as PostDoc[]).map((p) => ({
      id: String(p._id),
      html: p.deletedAt ? "" : p.body?.html ?? "",
      deleted: Boolean(p.deletedAt),
      hidden: Boolean(p.hidden),
      held: Boolean(p.held),
      editedAt: p.editedAt ? p.editedAt.toISOString() : null,
      author: names.get(String(p.authorId)) ?? "",
      authorId: String(p.authorId),
      createdAt: p.createdAt.toISOString(),
      quote: quoteOf(p.quoteOf),
      canEdit: canEdit(viewer, p, thread, space),
      canDelete: canDelete(viewer, p, space),
      canReport: canReport(viewer, p) && !p.hidden && !p.held,
      canQuote: !p.deletedAt && !p.hidden && !p.held,
    })),
  };
}
export type ThreadPageData = NonNullable<Awaited<ReturnType<typeof threadPage>>>;

/** The quote a reply form starts with (`?quote=`): the opening post or a visible reply of this thread. */
export async function quotePreview(threadId: string, quoteId: string) {
  await connectDb();
  const tid = oid(threadId);
  if (!tid) return null;
  if (quoteId === threadId) {
    const t = await Thread.findOne({ _id: tid, ...visible }).lean();
    if (!t) return null;
    const n = await displayNames([t.authorId]);
    return { id: threadId, author: n.get(String(t.authorId)) ?? "", text: excerpt(t.body?.text ?? "") };
  }
  const qid = oid(quoteId);
  if (!qid) return null;
  const p = await Post.findOne({ _id: qid, threadId: tid, ...visible }).lean();
  if (!p) return null;
  const n = await displayNames([p.authorId]);
  return { id: quoteId, author: n.get(String(p.authorId)) ?? "", text: excerpt(p.body?.text ?? "") };
}

/** A reply with its thread and space, when the viewer may see all three; null otherwise. */
async function visiblePost(postId: string, viewer: Actor | null) {
  await connectDb();
  const pid = oid(postId);
  if (!pid) return null;
  const post = (await Post.findById(pid).lean()) as PostDoc | null;
  if (!post) return null;
  const thread = (await Thread.findById(post.threadId).lean()) as ThreadDoc | null;
  if (!thread || thread.deletedAt) return null;
  const space = (await Space.findById(thread.spaceId).lean()) as SpaceDoc | null;
  if (!space || !canSee(viewer, thread, space) || !canSee(viewer, post, space)) return null;
  return { post, thread, space };
}

/** Where a reply lives: its thread and the page it is on, for the viewer; null when the viewer may not see it. */
export async function postLocation(postId: string, viewer: Actor | null, perPage: number) {
  const found = await visiblePost(postId, viewer);
  if (!found) return null;
  const { post, thread, space } = found;
  const mod = canModerate(viewer, space);
  const before = await Post.countDocuments({
    ...replyFilter(thread._id, viewer, mod),
    $and: [{ $or: [{ createdAt: { $lt: post.createdAt } }, { createdAt: post.createdAt, _id: { $lt: post._id } }] }],
  });
  return { threadId: String(thread._id), page: Math.floor(before / perPage) + 1, postId: String(post._id) };
}

/** A reply for its edit form (author only). */
export async function postForEdit(postId: string, viewer: Actor) {
  const found = await visiblePost(postId, viewer);
  if (!found) return null;
  const { post, thread, space } = found;
  return {
    id: String(post._id),
    threadId: String(thread._id),
    threadTitle: thread.title,
    text: post.body?.text ?? "",
    state: post.body?.state ?? "",
    deleted: Boolean(post.deletedAt),
    canEdit: canEdit(viewer, post, thread, space),
    canDelete: canDelete(viewer, post, space),
  };
}

/** A thread for its edit form (author only). */
export async function threadForEdit(threadId: string, viewer: Actor) {
  await connectDb();
  const tid = oid(threadId);
  if (!tid) return null;
  const thread = (await Thread.findById(tid).lean()) as ThreadDoc | null;
  if (!thread || thread.deletedAt) return null;
  const space = (await Space.findById(thread.spaceId).lean()) as SpaceDoc | null;
  if (!space || !canSee(viewer, thread, space)) return null;
  const practices = thread.practiceIds?.length ? await Practice.find({ _id: { $in: thread.practiceIds } }).select("slug").lean() : [];
  return {
    id: String(thread._id),
    title: thread.title,
    text: thread.body?.text ?? "",
    state: thread.body?.state ?? "",
    language: thread.language,
    objectives: thread.objectives ?? [],
    region: thread.region,
    practices: practices.map((p) => p.slug),
    canEdit: canEdit(viewer, thread, thread, space),
    canDelete: canDelete(viewer, thread, space),
    space: { slug: space.slug, title: space.title },
  };
}

/** Visible discussions that link a practice (shown on the practice page). */
export async function threadsAboutPractice(practiceId: string | Types.ObjectId, limit = 10) {
  await connectDb();
  const docs = await Thread.find({ practiceIds: practiceId, ...visible }).sort({ lastPostAt: -1 }).limit(limit).select("title language replyCount lastPostAt").lean();
  return docs.map((d) => ({ id: String(d._id), title: d.title, language: d.language, replyCount: d.replyCount, lastPostAt: d.lastPostAt.toISOString() }));
}

/** Spaces a moderator may move a thread to. */
export async function moveTargets(viewer: Actor, exceptSpaceId: string) {
  await connectDb();
  const spaces = (await Space.find({}).sort({ title: 1 }).select("slug title moderatorIds").lean()) as SpaceDoc[];
  return spaces.filter((s) => String(s._id) !== exceptSpaceId && isSpaceModerator(viewer, s)).map((s) => ({ id: String(s._id), title: s.title }));
}

/** The spaces a person moderates: every space (null) for global moderators, else their own. */
export async function moderatedSpaceIds(viewer: Actor): Promise<string[] | null> {
  if (can(viewer.roles, "moderate:discussion")) return null;
  await connectDb();
  const spaces = (await Space.find({ moderatorIds: viewer.id }).select("_id moderatorIds").lean()) as SpaceDoc[];
  return spaces.filter((s) => isSpaceModerator(viewer, s)).map((s) => String(s._id));
}

const inScope = (spaceIds: string[] | null, spaceId: unknown) => spaceIds === null || spaceIds.includes(String(spaceId));

/** The moderators' queue of reports: the reported content, the reporter's reason, and what was done.
 *  `spaceIds` limits it to those spaces (a space moderator's queue); null means every space. */
export async function reportQueue(which: "open" | "closed", limit = 100, spaceIds: string[] | null = null) {
  await connectDb();
  const all = await Report.find(which === "open" ? { status: "open" } : { status: { $in: ["resolved", "dismissed"] } })
    .sort(which === "open" ? { createdAt: 1 } : { resolvedAt: -1 })
    .limit(spaceIds === null ? limit : limit * 10)
    .lean();
  const threads = all.length ? await Thread.find({ _id: { $in: [...new Set(all.map((r) => String(r.threadId)))] } }).select("title body authorId hidden spaceId").lean() : [];
  const tById = new Map(threads.map((x) => [String(x._id), x]));
  const reports = all.filter((r) => inScope(spaceIds, tById.get(String(r.threadId))?.spaceId)).slice(0, limit);
  const postIds = reports.filter((r) => r.subjectType === "post").map((r) => r.subjectId);
  const posts = postIds.length ? await Post.find({ _id: { $in: postIds } }).select("body authorId hidden deletedAt").lean() : [];
  const pById = new Map(posts.map((x) => [String(x._id), x]));
  const names = await displayNames([
    ...reports.map((r) => r.reporterId),
    ...reports.map((r) => r.resolvedBy).filter(Boolean),
    ...threads.map((x) => x.authorId),
    ...posts.map((x) => x.authorId),
  ]);
  return reports.map((r) => {
    const th = tById.get(String(r.threadId));
    const p = r.subjectType === "post" ? pById.get(String(r.subjectId)) : null;
    const subject = r.subjectType === "post" ? p : th;
    return {
      id: String(r._id),
      subjectType: r.subjectType,
      threadTitle: th?.title ?? "",
      url: r.subjectType === "post" ? `/posts/${r.subjectId}` : `/threads/${r.threadId}`,
      excerpt: excerpt(subject?.body?.text ?? "", 600),
      author: subject ? names.get(String(subject.authorId)) ?? "" : "",
      contentHidden: Boolean(subject?.hidden),
      reporter: names.get(String(r.reporterId)) ?? "",
      reason: r.reason,
      status: r.status,
      resolution: r.resolution,
      resolvedBy: r.resolvedBy ? names.get(String(r.resolvedBy)) ?? "" : "",
      resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** Threads and replies held for moderation (first posts of new members in spaces that hold them);
 *  `spaceIds` as for reportQueue. */
export async function heldQueue(limit = 100, spaceIds: string[] | null = null) {
  await connectDb();
  const [threads, allPosts] = await Promise.all([
    Thread.find({ held: true, hidden: false, deletedAt: null, ...(spaceIds ? { spaceId: { $in: spaceIds } } : {}) }).sort({ createdAt: 1 }).limit(limit).lean(),
    Post.find({ held: true, hidden: false, deletedAt: null }).sort({ createdAt: 1 }).limit(spaceIds === null ? limit : limit * 10).lean(),
  ]);
  const parents = new Map((await Thread.find({ _id: { $in: allPosts.map((p) => p.threadId) } }).select("title spaceId").lean()).map((x) => [String(x._id), x]));
  const posts = allPosts.filter((p) => inScope(spaceIds, parents.get(String(p.threadId))?.spaceId)).slice(0, limit);
  const names = await displayNames([...threads.map((x) => x.authorId), ...posts.map((x) => x.authorId)]);
  return [
    ...threads.map((x) => ({ subjectType: "thread" as const, id: String(x._id), threadTitle: x.title, url: `/threads/${x._id}`, excerpt: excerpt(x.body?.text ?? "", 600), author: names.get(String(x.authorId)) ?? "", createdAt: x.createdAt.toISOString() })),
    ...posts.map((x) => ({ subjectType: "post" as const, id: String(x._id), threadTitle: parents.get(String(x.threadId))?.title ?? "", url: `/posts/${x._id}`, excerpt: excerpt(x.body?.text ?? "", 600), author: names.get(String(x.authorId)) ?? "", createdAt: x.createdAt.toISOString() })),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
