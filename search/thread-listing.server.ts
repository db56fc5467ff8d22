// Thread listings (/threads, a space's page for readers, the thread count per space on /spaces)
// read from the threads index, which holds exactly the visible threads, so a page costs one
// Meilisearch query at any size instead of reading and sorting every thread (FerretDB cannot
// sort in SQL). MongoDB, the truth, answers when Meilisearch cannot, and always for moderators,
// who also see hidden and held threads.
import { Types } from "mongoose";
import { Thread, threadVisible, type ThreadDoc } from "../models/thread.server";
import { latestThreads, spacePage, spaceSummaries, threadCards, threadCountsBySpace, type ThreadCard } from "../models/thread-query.server";
import type { Actor } from "../models/thread-rules";
import { indexName, meili } from "./client.server";
import { isUnavailable } from "./query.server";

interface IndexedThread {
  id: string;
  title: string;
  language: string;
  authorId?: string;
  replyCount?: number;
  updatedAt?: number;
  pinnedRank?: number;
  locked?: boolean;
  objectives?: number[];
  region?: string[];
  [summary: `summary_${string}`]: string | undefined;
}

const attributes = ["id", "title", "language", "authorId", "replyCount", "updatedAt", "pinnedRank", "locked", "objectives", "region", "summary_*"];

/** The same shape models/thread-query builds from MongoDB, from an index hit. */
function asDoc(h: IndexedThread): ThreadDoc {
  return {
    _id: new Types.ObjectId(h.id),
    title: h.title,
    language: h.language,
    authorId: h.authorId && Types.ObjectId.isValid(h.authorId) ? new Types.ObjectId(h.authorId) : null,
    replyCount: h.replyCount ?? 0,
    lastPostAt: new Date(h.updatedAt ?? 0),
    body: { text: h[`summary_${h.language}`] ?? "" },
    pinned: (h.pinnedRank ?? 0) > 0,
    locked: Boolean(h.locked),
    held: false,
    hidden: false,
    objectives: h.objectives ?? [],
    region: (h.region ?? [])[0] === "global" ? "" : (h.region ?? [])[0] ?? "",
  } as unknown as ThreadDoc;
}

const hex = /^[a-f0-9]{24}$/;

/** The index orders and pages; MongoDB, the truth, has the last word on each hit: a thread a
 *  moderator has just hidden (or deleted) leaves the list at once, before the index catches up,
 *  and counts and dates are current. One `_id` lookup of a page of ids. */
async function fromIndex(filter: string[], sort: string[], page: number, perPage: number) {
  const res = await meili()
    .index(indexName("threads"))
    .search<IndexedThread>("", { filter, sort, page, hitsPerPage: perPage, attributesToRetrieve: attributes });
  const hits = res.hits.filter((h) => hex.test(h.id));
  const current = hits.length ? ((await Thread.find({ _id: { $in: hits.map((h) => new Types.ObjectId(h.id)) } }).lean()) as ThreadDoc[]) : [];
  const byId = new Map(current.map((d) => [String(d._id), d]));
  const docs = hits.map((h) => byId.get(h.id) ?? asDoc(h)).filter((d, i) => byId.has(hits[i].id) && threadVisible(d));
  const total = ((res as { totalHits?: number }).totalHits ?? 0) - (hits.length - docs.length);
  return { total: Math.max(0, total), docs };
}

/** Visible threads, latest activity first (/threads). */
export async function listThreads(page: number, perPage: number, opts: { objective?: number } = {}): Promise<{ total: number; threads: ThreadCard[]; source: "index" | "database" }> {
  try {
    const filter = opts.objective && Number.isInteger(opts.objective) ? [`objectives = ${opts.objective}`] : [];
    const { total, docs } = await fromIndex(filter, ["updatedAt:desc"], page, perPage);
    return { total, threads: await threadCards(docs), source: "index" };
  } catch (e) {
    if (!isUnavailable(e)) console.error("thread listing: index query failed, using MongoDB:", e);
  }
  return { ...(await latestThreads(page, perPage, opts)), source: "database" };
}

/** A space's page: pinned first, then latest activity. Readers get the index (plus, signed in,
 *  their own threads awaiting moderation on the first page); moderators get MongoDB. */
export async function spaceThreads(slug: string, viewer: Actor | null, page: number, perPage: number) {
  const exact = await spacePage(slug, viewer, page, perPage, { threads: false });
  if (!exact) return null;
  if (exact.canModerate) return spacePage(slug, viewer, page, perPage);
  const spaceId = exact.space.id;
  if (!hex.test(spaceId)) return spacePage(slug, viewer, page, perPage);
  try {
    const { total, docs } = await fromIndex([`spaceId = "${spaceId}"`], ["pinnedRank:desc", "updatedAt:desc"], page, perPage);
    const own =
      viewer && page === 1
        ? ((await Thread.find({ spaceId: new Types.ObjectId(spaceId), authorId: new Types.ObjectId(viewer.id), held: true, hidden: false, deletedAt: null }).limit(20).lean()) as ThreadDoc[])
        : [];
    return { ...exact, threads: await threadCards([...own, ...docs]), total: total + own.length };
  } catch (e) {
    if (!isUnavailable(e)) console.error("space page: index query failed, using MongoDB:", e);
  }
  return spacePage(slug, viewer, page, perPage);
}

/** Visible threads per space id (for /spaces), from one facet query; MongoDB counts as fallback. */
export async function threadsPerSpace(spaceIds: string[]): Promise<Record<string, number>> {
  try {
    const res = await meili().index(indexName("threads")).search("", { facets: ["spaceId"], hitsPerPage: 0, page: 1 });
    const dist = (res.facetDistribution ?? {}).spaceId ?? {};
    return Object.fromEntries(spaceIds.map((id) => [id, dist[id] ?? 0]));
  } catch (e) {
    if (!isUnavailable(e)) console.error("space counts: index query failed, using MongoDB:", e);
  }
  return threadCountsBySpace(spaceIds);
}

/** Every space with its number of visible threads (/spaces). */
export async function listSpaces() {
  const spaces = await spaceSummaries();
  const counts = await threadsPerSpace(spaces.map((s) => s.id));
  return spaces.map((s) => ({ ...s, threadCount: counts[s.id] ?? 0 }));
}
