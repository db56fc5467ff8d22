// The moderators' practice queue and its count per status, from the index (decision 040).
//
// Practices under review (submitted, changes requested, rejected, archived, and published
// practices with a pending revision) are documents of the `reviews` index, kept by the search
// sync like the public indexes; published practices are the `practices` index. Reading the
// queue from MongoDB meant decoding every queued document on the embedded store (1.3 s for 335
// of 10,000 practices). The index lags a write by up to a sync pass, and a moderator who has
// just decided expects the queue to show it, so practices with an outbox entry not yet consumed
// (changed since the index caught up) are read from MongoDB and override their index document.
// MongoDB (models/moderation-queue.server.ts) answers when Meilisearch is down.
import { displayNames } from "../models/user-names.server";
import { moderationQueue, moderationQueueTotal, queueCounts, type QueueQuery, type QueueRow } from "../models/moderation-queue.server";
import { Practice, type PracticeDoc } from "../models/practice.server";
import { queueStatuses, type QueueStatus } from "../models/practice-workflow";
import type { MultiSearchResponse } from "meilisearch";
import { indexName, meili } from "./client.server";
import { isReviewablePractice, practiceToReviewDocument, type ReviewDocument } from "./documents.server";
import { changedSinceIndexed } from "./outbox.server";
import { isUnavailable } from "./query.server";
import { reviewsIndexReady } from "./review-readiness.server";
import { log, requestMemo } from "../models/log.server";

/** More changed practices than this (a bulk import in progress): MongoDB answers. */
const OVERLAY_MAX = 200;
/** Rows per page of the queue. */
export const QUEUE_PER_PAGE = 50;
/** The deepest row read from the start of the queue to merge changed practices in (past it, with
 *  changes not yet indexed, MongoDB answers). */
const MERGE_WINDOW_MAX = 2000;

/** One page of the queue: its rows, whether another follows, and how many the query holds. */
export interface QueuePage {
  rows: QueueRow[];
  hasNext: boolean;
  total: number;
}

/** Which rows of the queue a page shows. */
interface Window {
  page: number;
  perPage: number;
}
const offsetOf = (w: Window) => (w.page - 1) * w.perPage;

/** One page of an index query in page mode, which counts the query's hits exactly (totalHits). */
function pageQuery(indexUid: string, filter: string[], sort: string[], page: number, hitsPerPage: number, attributesToRetrieve?: string[]) {
  return { indexUid, q: "", filter, sort, page, hitsPerPage, ...(attributesToRetrieve ? { attributesToRetrieve } : {}) };
}
const totalOf = (result: unknown) => (result as { totalHits?: number }).totalHits ?? 0;
const DAY_MS = 86_400_000;

interface IndexedPublishedRow {
  id: string;
  title: string;
  ownerId?: string;
  publishedAt?: number;
  objectives?: number[];
  region?: string[];
}

interface Overlay {
  /** Practices changed since the index caught up (gone from MongoDB: absent from `docs`). */
  ids: string[];
  docs: Map<string, PracticeDoc>;
}

/** The practices whose index documents may be stale, read from MongoDB; null when too many, or
 *  when the reviews index is not filled yet (search/review-readiness.server.ts). */
function changedPractices(): Promise<Overlay | null> {
  // the queue and its counts both ask, on one page: read once per request
  return requestMemo("review-queue-overlay", readOverlay);
}

async function readOverlay(): Promise<Overlay | null> {
  const [ready, ids] = await Promise.all([reviewsIndexReady(), changedSinceIndexed("practice", OVERLAY_MAX)]);
  if (!ready || !ids) return null;
  const docs = ids.length ? ((await Practice.find({ _id: { $in: ids } }).lean()) as PracticeDoc[]) : [];
  return { ids, docs: new Map(docs.map((d) => [String(d._id), d])) };
}

const quoted = (ids: string[]) => `[${ids.map((id) => JSON.stringify(id)).join(", ")}]`;

/** Meilisearch filter of the queue query (every value is validated taxonomy or an ObjectId). */
function reviewFilter(q: QueueQuery, now: number): string[] {
  const f = [`reviewStatus = ${JSON.stringify(q.status)}`];
  if (q.objective) f.push(`objectives = ${Number(q.objective)}`);
  if (q.region) f.push(`region = ${JSON.stringify(q.region)}`);
  if (q.age) f.push(`submittedAt > 0`, `submittedAt <= ${now - Number(q.age) * DAY_MS}`);
  if (q.callId) f.push(`callId = ${JSON.stringify(String(q.callId))}`);
  return f;
}

/** The same query applied to one practice read from MongoDB. */
function matchesQuery(r: ReviewDocument, q: QueueQuery, now: number): boolean {
  if (r.reviewStatus !== q.status) return false;
  if (q.objective && !r.objectives.includes(q.objective)) return false;
  if (q.region && !r.region.includes(q.region)) return false;
  if (q.age && !(r.submittedAt > 0 && r.submittedAt <= now - Number(q.age) * DAY_MS)) return false;
  if (q.callId && r.callId !== String(q.callId)) return false;
  return true;
}

/** What a page query answers: its rows and total, and the answers to `extra` queries sent with it. */
interface IndexPage {
  rows: QueueRow[];
  total: number;
  extra: MultiSearchResponse["results"];
}
type ExtraQueries = ReturnType<typeof countQueries>;

async function publishedFromIndex(q: QueueQuery, w: Window, extra: ExtraQueries = []): Promise<IndexPage> {
  const filter = ["status = \"published\""];
  if (q.objective) filter.push(`objectives = ${Number(q.objective)}`);
  if (q.region) filter.push(`region = ${JSON.stringify(q.region)}`);
  if (q.age) filter.push(`publishedAt <= ${Date.now() - Number(q.age) * DAY_MS}`);
  if (q.callId) filter.push(`callId = ${JSON.stringify(String(q.callId))}`);
  const practices = indexName("practices");
  const { results } = await meili().multiSearch({
    queries: [pageQuery(practices, filter, ["publishedAt:desc"], w.page, w.perPage, ["id", "title", "ownerId", "publishedAt", "objectives", "region"]), ...extra],
  });
  const hits = results[0].hits as unknown as IndexedPublishedRow[];
  const names = await displayNames(hits.map((h) => h.ownerId));
  const rows = hits.map((h) => ({
    id: h.id,
    title: h.title,
    status: "published",
    revision: false,
    owner: names.get(h.ownerId ?? "") ?? "",
    submittedAt: h.publishedAt ? new Date(h.publishedAt).toISOString() : null,
    objectives: h.objectives ?? [],
    regions: (h.region ?? []).filter((r) => r !== "global"),
  })) satisfies QueueRow[];
  return { rows, total: totalOf(results[0]), extra: results.slice(1) };
}

async function underReviewFromIndex(q: QueueQuery, w: Window, overlay: Overlay, extra: ExtraQueries = []): Promise<IndexPage | null> {
  const now = Date.now();
  const reviews = indexName("reviews");
  const filter = reviewFilter(q, now);
  // Changed practices may move anywhere in the order: then the queue is read from its start, the
  // changed ones taken out, their current state put in, and the page cut from that.
  const merging = overlay.ids.length > 0;
  const depth = offsetOf(w) + w.perPage + overlay.ids.length;
  if (merging && depth > MERGE_WINDOW_MAX) return null;
  // id breaks ties as MongoDB's {submittedAt, _id} order does
  const sort = ["submittedAt:asc", "id:asc"];
  const { results } = await meili().multiSearch({
    queries: [
      merging ? pageQuery(reviews, filter, sort, 1, depth) : pageQuery(reviews, filter, sort, w.page, w.perPage),
      // which changed practices the index counts for this query
      ...(merging ? [{ indexUid: reviews, q: "", filter: [...filter, `id IN ${quoted(overlay.ids)}`], limit: overlay.ids.length, attributesToRetrieve: ["id"] }] : []),
      ...extra,
    ],
  });
  const hits = results[0].hits as unknown as ReviewDocument[];
  let total = totalOf(results[0]);
  let page = hits;
  if (merging) {
    const changed = new Set(overlay.ids);
    const rows = hits.filter((h) => !changed.has(h.id));
    total -= results[1]?.hits.length ?? 0;
    for (const d of overlay.docs.values()) {
      if (!isReviewablePractice(d)) continue;
      const doc = practiceToReviewDocument(d);
      if (matchesQuery(doc, q, now)) {
        rows.push(doc);
        total++;
      }
    }
    // oldest submission first, as MongoDB orders the queue (submittedAt, then _id)
    rows.sort((a, b) => a.submittedAt - b.submittedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    page = rows.slice(offsetOf(w), offsetOf(w) + w.perPage);
  }
  const names = await displayNames(page.map((r) => r.ownerId));
  const rows = page.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.reviewStatus,
    revision: r.revision,
    owner: names.get(r.ownerId) ?? "",
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    objectives: r.objectives,
    regions: r.region,
  })) satisfies QueueRow[];
  return { rows, total, extra: results.slice(merging ? 2 : 1) };
}

/** One page of the queue for one status, from the index; MongoDB when Meilisearch is down. */
export async function reviewQueue(q: QueueQuery, page = 1, perPage = QUEUE_PER_PAGE): Promise<QueuePage> {
  const w: Window = { page, perPage };
  const cut = pageCut(w);
  try {
    if (q.status === "published") return cut(await publishedFromIndex(q, w));
    const overlay = await changedPractices();
    const fromIndex = overlay ? await underReviewFromIndex(q, w, overlay) : null;
    if (fromIndex) return cut(fromIndex);
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "review queue: index query failed, using MongoDB");
  }
  const [rows, total] = await Promise.all([moderationQueue(q, perPage, offsetOf(w)), moderationQueueTotal(q)]);
  return cut({ rows, total });
}

// every path counts the query exactly: another page follows while rows remain past this one
const pageCut =
  (w: Window) =>
  (r: { rows: QueueRow[]; total: number }): QueuePage => ({ rows: r.rows.slice(0, w.perPage), hasNext: offsetOf(w) + w.perPage < r.total, total: r.total });

/** The queue page and the counts per status together: from the index in one request (the
 *  page's queries and the counts' in one multi-search), else as reviewQueue and
 *  reviewQueueCounts answer them. */
export async function reviewQueueWithCounts(q: QueueQuery, page = 1, perPage = QUEUE_PER_PAGE): Promise<{ queue: QueuePage; counts: Record<QueueStatus, number> }> {
  const w: Window = { page, perPage };
  try {
    const overlay = await changedPractices();
    if (overlay) {
      const r = q.status === "published" ? await publishedFromIndex(q, w, countQueries(overlay)) : await underReviewFromIndex(q, w, overlay, countQueries(overlay));
      if (r) return { queue: pageCut(w)(r), counts: countsFrom(r.extra, overlay) };
    }
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "review queue: index query failed, using MongoDB");
  }
  const [queue, counts] = await Promise.all([reviewQueue(q, page, perPage), reviewQueueCounts()]);
  return { queue, counts };
}

/** Practices per queue status: one multi-search (a facet distribution of the reviews index and
 *  the practices index's total), corrected by the practices changed since the index caught up. */
export async function reviewQueueCounts(): Promise<Record<QueueStatus, number>> {
  try {
    const overlay = await changedPractices();
    if (overlay) return await countsFromIndex(overlay);
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "review queue counts: index query failed, using MongoDB");
  }
  return (await queueCounts()) as Record<QueueStatus, number>;
}

/** Submissions and revisions waiting for review (the moderators' header badge). */
export async function submissionsWaiting(): Promise<number> {
  return (await reviewQueueCounts()).submitted;
}

async function countsFromIndex(overlay: Overlay): Promise<Record<QueueStatus, number>> {
  const { results } = await meili().multiSearch({ queries: countQueries(overlay) });
  return countsFrom(results, overlay);
}

/** The queries of the counts, to send alone or after a page's (countsFrom reads their answers). */
function countQueries(overlay: Overlay) {
  const reviews = indexName("reviews");
  return [
    { indexUid: reviews, q: "", limit: 0, facets: ["reviewStatus"] },
    { indexUid: indexName("practices"), q: "", hitsPerPage: 0, page: 1, filter: ["status = \"published\""] },
    ...(overlay.ids.length ? [{ indexUid: reviews, q: "", filter: [`id IN ${quoted(overlay.ids)}`], limit: overlay.ids.length, attributesToRetrieve: ["id", "reviewStatus"] }] : []),
  ];
}

function countsFrom(results: { hits: unknown[]; facetDistribution?: Record<string, Record<string, number>> }[], overlay: Overlay): Record<QueueStatus, number> {
  const dist = (results[0].facetDistribution?.reviewStatus ?? {}) as Record<string, number>;
  const counts = Object.fromEntries(queueStatuses.map((s) => [s, dist[s] ?? 0])) as Record<QueueStatus, number>;
  counts.published = (results[1] as { totalHits?: number }).totalHits ?? 0;
  // what the index still says about the changed practices, replaced by what MongoDB says
  for (const h of (results[2]?.hits ?? []) as { reviewStatus: QueueStatus }[]) if (h.reviewStatus in counts && h.reviewStatus !== "published") counts[h.reviewStatus]--;
  for (const d of overlay.docs.values()) if (isReviewablePractice(d)) counts[practiceToReviewDocument(d).reviewStatus]++;
  return counts;
}
