// Zero-downtime rebuild: fill `<index>_new` from MongoDB, apply the settings, swap it with the
// live index (no moment without results), delete the old one, then reconcile with a sweep so
// any change made while the rebuild ran is in the new index too.
import { contentChanged } from "../models/content-version.server";
import { connectDb } from "../models/db.server";
import { Practice, type PracticeDoc } from "../models/practice.server";
import { Thread, type ThreadDoc } from "../models/thread.server";
import { indexName, meili } from "./client.server";
import { isIndexableThread, practiceToDocument, practiceToReviewDocument, reviewIndexStatuses, threadToDocument, type ReviewDocument, type SearchDocument } from "./documents.server";
import { applySettings, type IndexBase } from "./settings.server";
import { markReviewsIndex } from "./review-readiness.server";
import { acquireLease, recordIndexed, releaseLease, sweep } from "./sync.server";

const BATCH = 1000;
const TIMEOUT = 10 * 60_000;

export interface ReindexResult {
  practices: number;
  threads: number;
  seconds: number;
}

async function dropIfExists(uid: string) {
  const client = meili();
  try {
    await client.index(uid).getRawInfo();
  } catch {
    return;
  }
  await client.tasks.waitForTask((await client.deleteIndex(uid)).taskUid, { timeout: TIMEOUT });
}

export async function countIndexable(): Promise<number> {
  await connectDb();
  const [p, t] = await Promise.all([
    Practice.countDocuments({ status: "published" }),
    Thread.countDocuments({ hidden: false, held: false, deletedAt: null }),
  ]);
  return p + t;
}

export async function rebuildIndexes(onProgress?: (done: number) => void, opts: { reconcile?: boolean } = {}): Promise<ReindexResult> {
  await connectDb();
  const owner = `reindex:${process.pid}`;
  if (!(await acquireLease("reindex", owner, 15 * 60_000))) throw new Error("Another reindex is running.");
  const started = Date.now();
  const client = meili();
  let done = 0;
  const counts: Record<IndexBase, number> = { practices: 0, threads: 0, reviews: 0 };
  let seconds = 0;
  try {
    for (const base of ["practices", "threads", "reviews"] as IndexBase[]) {
      const live = indexName(base);
      const fresh = `${live}_new`;
      await dropIfExists(fresh);
      await applySettings(fresh, client, TIMEOUT);
      await applySettings(live, client, TIMEOUT); // the swap needs both to exist
      const index = client.index(fresh);
      const tasks: { uid: number; n: number; versions: [string, number][] }[] = [];
      let batch: (SearchDocument | ReviewDocument)[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const t = await index.addDocuments(batch, { primaryKey: "id" });
        tasks.push({ uid: t.taskUid, n: batch.length, versions: batch.map((d) => [d.id, d.version]) });
        batch = [];
      };
      if (base === "practices") {
        // published translations first (few), then each original with its own
        const translations = new Map<string, PracticeDoc[]>();
        for await (const t of Practice.find({ status: "published", translationOf: { $ne: null } }).lean().cursor({ batchSize: BATCH })) {
          const k = String(t.translationOf);
          translations.set(k, [...(translations.get(k) ?? []), t as PracticeDoc]);
        }
        for await (const p of Practice.find({ status: "published" }).lean().cursor({ batchSize: BATCH })) {
          if (p.translationOf) continue;
          batch.push(practiceToDocument(p as PracticeDoc, translations.get(String(p._id)) ?? []));
          if (batch.length >= BATCH) await flush();
        }
      } else if (base === "reviews") {
        // the moderators' queue (decision 040): practices under review, whatever their status
        for await (const p of Practice.find({ reviewStatus: { $in: reviewIndexStatuses } }).lean().cursor({ batchSize: BATCH })) {
          batch.push(practiceToReviewDocument(p as PracticeDoc));
          if (batch.length >= BATCH) await flush();
        }
      } else {
        for await (const t of Thread.find({ hidden: false, held: false, deletedAt: null }).lean().cursor({ batchSize: 200 })) {
          if (await isIndexableThread(t as ThreadDoc)) batch.push(await threadToDocument(t as ThreadDoc));
          if (batch.length >= 200) await flush();
        }
      }
      await flush();
      // Meilisearch batches consecutive additions; wait for each so progress is what is searchable.
      for (const t of tasks) {
        const task = await client.tasks.waitForTask(t.uid, { timeout: TIMEOUT, interval: 100 });
        if (task.status !== "succeeded") throw new Error(`indexing ${fresh} failed: ${task.error?.message ?? task.status}`);
        counts[base] += t.n;
        if (base === "reviews") continue; // not public: outside the progress total (countIndexable)
        done += t.n;
        onProgress?.(done);
      }
      for (const t of tasks) await recordIndexed(base === "threads" ? "thread" : "practice", t.versions);
      const swap = await client.tasks.waitForTask((await client.swapIndexes([{ indexes: [live, fresh], rename: false }])).taskUid, { timeout: TIMEOUT });
      if (swap.status !== "succeeded") throw new Error(`swapping ${live} failed: ${swap.error?.message ?? swap.status}`);
      await dropIfExists(fresh); // now the old index
      await contentChanged();
      if (base === "reviews") await markReviewsIndex(true);
    }
    seconds = (Date.now() - started) / 1000;
    // Changes made while the rebuild ran (and documents still marked behind) are reconciled now.
    if (opts.reconcile !== false) await sweep();
  } finally {
    await releaseLease("reindex", owner).catch(() => {});
  }
  return { practices: counts.practices, threads: counts.threads, seconds };
}
