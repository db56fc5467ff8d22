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
import { changedSinceIndexed } from "./outbox.server";
import { isUnavailable } from "./query.server";
import { log } from "../models/log.server";

const hex = /^[a-f0-9]{24}$/;
const quoted = (ids: string[]) => `[${ids.map((id) => JSON.stringify(id)).join(", ")}]`;

/** What a listing selects and how it orders, for the threads read from MongoDB. */
interface Listing {
  filter: string[];
  sort: string[];
  matches: (d: ThreadDoc) => boolean;
  order: (a: ThreadDoc, b: ThreadDoc) => number;
}

const byActivity = (a: ThreadDoc, b: ThreadDoc) => new Date(b.lastPostAt).getTime() - new Date(a.lastPostAt).getTime();

/** Thrown when the outbox is too full to correct the index (a bulk import): MongoDB answers. */
class TooManyChanges extends Error {}

/**
 * The index orders and pages; MongoDB, the truth, has the last word on each hit: a thread a
 * moderator has just hidden (or deleted) leaves the list at once, and counts and dates are
 * current. Threads changed since the index caught up (outbox entries not consumed yet: a thread
 * just started, pinned or replied to) are read from MongoDB too and take their place in the
 * first page by the same order, and the total counts them as MongoDB says. Two Meilisearch
 * queries (the page, and which changed threads the index lists) and one `_id` lookup.
 */
async function fromIndex(l: Listing, page: number, perPage: number) {
  const changed = await changedSinceIndexed("thread");
  if (!changed) throw new TooManyChanges();
  const index = indexName("threads");
  const changedIds = changed.filter((id) => hex.test(id));
  const { results } = await meili().multiSearch({
    queries: [
      { indexUid: index, q: "", filter: l.filter, sort: l.sort, offset: (page - 1) * perPage, limit: perPage + changedIds.length, attributesToRetrieve: ["id"] },
      { indexUid: index, q: "", filter: [...l.filter, `id IN ${quoted(changedIds.length ? changedIds : ["-"])}`], limit: changedIds.length || 1, attributesToRetrieve: ["id"] },
    ],
  });
  const hits = (results[0].hits as { id: string }[]).map((h) => h.id).filter((id) => hex.test(id));
  const total = (results[0] as { estimatedTotalHits?: number }).estimatedTotalHits ?? hits.length;
  const listedChanged = new Set((results[1].hits as { id: string }[]).map((h) => h.id));
  const changedSet = new Set(changedIds);
  const ids = [...new Set([...hits, ...changedIds])];
  const current = ids.length ? ((await Thread.find({ _id: { $in: ids } }).lean()) as ThreadDoc[]) : [];
  const byId = new Map(current.map((d) => [String(d._id), d]));
  // changed threads as MongoDB has them now, in this listing or not
  const changedNow = changedIds.map((id) => byId.get(id)).filter((d): d is ThreadDoc => !!d && threadVisible(d) && l.matches(d));
  const unchangedHits = hits.filter((id) => !changedSet.has(id));
  // a hit MongoDB no longer has, or no longer shows (hidden a moment ago, outbox entry consumed)
  const unchanged = unchangedHits.map((id) => byId.get(id)).filter((d): d is ThreadDoc => !!d && threadVisible(d));
  const vanished = unchangedHits.length - unchanged.length;
  // on the first page a changed thread takes its place by the listing's order; on later pages
  // only the index's order is known, so changed threads keep the place the index gives them
  const docs = page === 1 ? [...unchanged, ...changedNow].sort(l.order) : [...unchanged, ...changedNow.filter((d) => hits.includes(String(d._id)))].sort(l.order);
  return { total: Math.max(0, total - listedChanged.size + changedNow.length - vanished), docs: docs.slice(0, perPage) };
}

/** Visible threads, latest activity first (/threads). */
export async function listThreads(page: number, perPage: number, opts: { objective?: number } = {}): Promise<{ total: number; threads: ThreadCard[]; source: "index" | "database" }> {
  try {
    const objective = opts.objective && Number.isInteger(opts.objective) ? opts.objective : null;
    const { total, docs } = await fromIndex(
      {
        filter: objective ? [`objectives = ${objective}`] : [],
        sort: ["updatedAt:desc"],
        matches: (d) => !objective || (d.objectives ?? []).includes(objective),
        order: byActivity,
      },
      page,
      perPage,
    );
    return { total, threads: await threadCards(docs), source: "index" };
  } catch (e) {
    if (!isUnavailable(e) && !(e instanceof TooManyChanges)) log.error({ err: e }, "thread listing: index query failed, using MongoDB");
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
    const { total, docs } = await fromIndex(
      {
        filter: [`spaceId = "${spaceId}"`],
        sort: ["pinnedRank:desc", "updatedAt:desc"],
        matches: (d) => String(d.spaceId) === spaceId,
        order: (a, b) => Number(Boolean(b.pinned)) - Number(Boolean(a.pinned)) || byActivity(a, b),
      },
      page,
      perPage,
    );
    const own =
      viewer && page === 1
        ? ((await Thread.find({ spaceId: new Types.ObjectId(spaceId), authorId: new Types.ObjectId(viewer.id), held: true, hidden: false, deletedAt: null }).limit(20).lean()) as ThreadDoc[])
        : [];
    return { ...exact, threads: await threadCards([...own, ...docs]), total: total + own.length };
  } catch (e) {
    if (!isUnavailable(e) && !(e instanceof TooManyChanges)) log.error({ err: e }, "space page: index query failed, using MongoDB");
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
    if (!isUnavailable(e)) log.error({ err: e }, "space counts: index query failed, using MongoDB");
  }
  return threadCountsBySpace(spaceIds);
}

/** Every space with its number of visible threads (/spaces). */
export async function listSpaces() {
  const spaces = await spaceSummaries();
  const counts = await threadsPerSpace(spaces.map((s) => s.id));
  return spaces.map((s) => ({ ...s, threadCount: counts[s.id] ?? 0 }));
}
