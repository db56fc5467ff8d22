// The moderators' practice queue: submissions and pending revisions by status, objective,
// region and age, and the count per status.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FilterQuery<_T> = Record<string, any>;
import { displayNames } from "./user-names.server";
import { connectDb } from "./db.server";
import { reviewStatusOf, workingContent } from "./practice-content";
import { Practice, type PracticeDoc } from "./practice.server";
import { queueAges, queueStatuses, type PracticeStatus, type QueueStatus } from "./practice-workflow";

export interface QueueQuery {
  status: QueueStatus;
  objective?: number;
  region?: string;
  age?: (typeof queueAges)[number];
  /** Only the practices answering this call (models/call.server.ts). */
  callId?: import("mongoose").Types.ObjectId;
}

export interface QueueRow {
  id: string;
  title: string;
  status: PracticeStatus;
  revision: boolean;
  owner: string;
  submittedAt: string | null;
  objectives: number[];
  regions: string[];
}

/** The MongoDB filter of a queue query. */
function queueFilter(q: QueueQuery): FilterQuery<PracticeDoc> {
  // reviewStatus is the pending revision's status for a published practice with one, else its
  // status (models/practice.server.ts): one indexed equality the store pushes down.
  const and: FilterQuery<PracticeDoc>[] = [{ reviewStatus: q.status, ...(q.callId ? { callId: q.callId } : {}) }];
  if (q.objective) and.push({ $or: [{ objectives: q.objective }, { "pending.objectives": q.objective }] });
  if (q.region) and.push({ $or: [{ regions: q.region }, { "pending.regions": q.region }] });
  if (q.age) {
    const before = new Date(Date.now() - Number(q.age) * 86_400_000);
    and.push({ $or: [{ submittedAt: { $lte: before } }, { "pending.submittedAt": { $lte: before } }] });
  }
  const [byStatus, ...rest] = and;
  return { ...byStatus, ...(rest.length ? { $and: rest } : {}) };
}

/** How many practices the queue query holds (MongoDB: used when the index is unavailable). */
export async function moderationQueueTotal(q: QueueQuery): Promise<number> {
  await connectDb();
  return Practice.countDocuments(queueFilter(q));
}

export async function moderationQueue(q: QueueQuery, limit = 100, skip = 0) {
  await connectDb();
  const docs = (await Practice.find(queueFilter(q)).sort({ submittedAt: 1, _id: 1 }).skip(skip).limit(limit).lean()) as PracticeDoc[];
  const names = await displayNames(docs.map((d) => d.ownerId));
  const rows: QueueRow[] = docs.map((p) => {
    const c = workingContent(p);
    const pending = (p as { pending?: { submittedAt?: Date | null } | null }).pending;
    const submittedAt = pending?.submittedAt ?? p.submittedAt;
    return {
      id: String(p._id),
      title: c.title,
      status: reviewStatusOf(p),
      revision: Boolean(pending) && p.status === "published",
      owner: names.get(String(p.ownerId)) ?? "",
      submittedAt: submittedAt ? new Date(submittedAt).toISOString() : null,
      objectives: c.objectives,
      regions: c.regions,
    };
  });
  return rows;
}

/** Practices per queue status, counted in MongoDB (each count reads the matching documents on
 *  FerretDB: search/review-queue.server.ts counts the published ones in the index instead). */
export async function queueCounts(statuses: readonly QueueStatus[] = queueStatuses): Promise<Partial<Record<QueueStatus, number>>> {
  await connectDb();
  const entries = await Promise.all(statuses.map(async (s) => [s, await Practice.countDocuments({ reviewStatus: s })] as const));
  return Object.fromEntries(entries) as Partial<Record<QueueStatus, number>>;
}
