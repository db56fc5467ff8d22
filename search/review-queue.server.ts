// The moderators' queue of published practices, and the count per queue status. Submissions
// and other statuses under review are few and read from MongoDB (models/moderation-queue); the
// published ones are most of the collection, so their tab and its count come from the index
// (one query, any size) instead of reading every published practice (decision 015).
import { emptyFilters } from "../models/filters.server";
import { moderationQueue, queueCounts, type QueueQuery, type QueueRow } from "../models/moderation-queue.server";
import { queueStatuses, type QueueStatus } from "../models/practice-workflow";
import { User } from "../models/user.server";
import { indexName, meili } from "./client.server";
import { buildFilter, isUnavailable } from "./query.server";

interface IndexedQueueRow {
  id: string;
  title: string;
  ownerId?: string;
  publishedAt?: number;
  objectives?: number[];
  region?: string[];
}

async function publishedFromIndex(q: QueueQuery, limit: number) {
  const filters = emptyFilters();
  if (q.objective) filters.objective.push(q.objective);
  if (q.region) filters.region.push(q.region);
  const filter = buildFilter(filters);
  if (q.age) filter.push(`publishedAt <= ${Date.now() - Number(q.age) * 86_400_000}`);
  const res = await meili()
    .index(indexName("practices"))
    .search<IndexedQueueRow>("", { filter, sort: ["publishedAt:desc"], limit, attributesToRetrieve: ["id", "title", "ownerId", "publishedAt", "objectives", "region"] });
  return { total: res.estimatedTotalHits ?? res.hits.length, hits: res.hits };
}

/** The queue for one status; the published tab newest first from the index, MongoDB as fallback. */
export async function reviewQueue(q: QueueQuery, limit = 100): Promise<QueueRow[]> {
  // By call: one indexed equality in MongoDB (callId), whatever the status.
  if (q.status !== "published" || q.callId) return moderationQueue(q, limit);
  try {
    const { hits } = await publishedFromIndex(q, limit);
    const owners = await User.find({ _id: { $in: [...new Set(hits.map((h) => h.ownerId).filter((id): id is string => /^[a-f0-9]{24}$/.test(id ?? "")))] } })
      .select("displayName")
      .lean();
    const names = new Map(owners.map((u) => [String(u._id), u.displayName]));
    return hits.map((h) => ({
      id: h.id,
      title: h.title,
      status: "published",
      revision: false,
      owner: names.get(h.ownerId ?? "") ?? "",
      submittedAt: h.publishedAt ? new Date(h.publishedAt).toISOString() : null,
      objectives: h.objectives ?? [],
      regions: (h.region ?? []).filter((r) => r !== "global"),
    }));
  } catch (e) {
    if (!isUnavailable(e)) console.error("review queue: index query failed, using MongoDB:", e);
  }
  return moderationQueue(q, limit);
}

/** Practices per queue status; published ones counted by the index. */
export async function reviewQueueCounts(): Promise<Record<QueueStatus, number>> {
  const others = queueStatuses.filter((s) => s !== "published");
  try {
    const [counts, published] = await Promise.all([
      queueCounts(others),
      meili().index(indexName("practices")).search("", { hitsPerPage: 0, page: 1 }),
    ]);
    return { ...counts, published: (published as { totalHits?: number }).totalHits ?? 0 } as Record<QueueStatus, number>;
  } catch (e) {
    if (!isUnavailable(e)) console.error("review queue counts: index query failed, using MongoDB:", e);
  }
  return (await queueCounts()) as Record<QueueStatus, number>;
}
