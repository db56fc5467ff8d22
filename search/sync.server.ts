// The search sync worker: MongoDB (source of truth) → Meilisearch (derived).
//
// - Writers bump `version` and call enqueueIndex(kind, id) (insert-only outbox).
// - Every HUB_SYNC_INTERVAL_MS the worker takes the outbox entries, reads the current state of
//   those documents, adds (published / visible) or deletes (anything else, or gone) them in
//   Meilisearch, WAITS for the task to succeed, records the version it indexed (in the
//   search index state collection, see below; a change made meanwhile has a higher version and
//   stays behind for the next pass), then deletes the consumed outbox entries.
// - A sweep (at start-up and every HUB_SWEEP_INTERVAL_MS) reconciles everything: documents whose
//   indexed version < version, index documents whose source is gone or no longer public, and
//   public documents missing from the index.
// - Only the holder of a lease (a separate collection with a unique _id and an expiry) works, so
//   several app instances are safe; inserts and single-owner updates only (FerretDB-friendly).
// - Errors (Meilisearch down, MongoDB hiccup) are caught and retried with backoff.
import { publishedTranslationsOf } from "../models/practice-translation.server";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import mongoose, { Schema, type Model, type Types } from "mongoose";
import { registerBackgroundWork } from "../models/background.server";
import { contentChanged } from "../models/content-version.server";
import { connectDb } from "../models/db.server";
import { log as rootLog } from "../models/log.server";
import { metrics } from "../models/metrics.server";
import { once, runMigrations } from "../models/migrations.server";
import { Practice, type PracticeDoc } from "../models/practice.server";
import { Thread, type ThreadDoc } from "../models/thread.server";
import { indexName, meili } from "./client.server";
import {
  isIndexablePractice,
  isIndexableThread,
  isReviewablePractice,
  practiceToDocument,
  practiceToReviewDocument,
  reviewIndexStatuses,
  SEARCH_DOCUMENT_FORMAT,
  threadToDocument,
  type ReviewDocument,
  type SearchDocument,
} from "./documents.server";
import { outboxEvents, SearchOutbox, type IndexKind } from "./outbox.server";
import { markReviewsIndex } from "./review-readiness.server";
import { ensureIndexes } from "./settings.server";

const log = rootLog.child({ component: "search" });

// ---------------------------------------------------------------- lease
interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}
const leaseSchema = new Schema<LeaseDoc>({ _id: { type: String }, owner: String, expiresAt: Date }, { versionKey: false });
export const SearchLease: Model<LeaseDoc> =
  (mongoose.models.SearchLease as Model<LeaseDoc>) ?? mongoose.model<LeaseDoc>("SearchLease", leaseSchema);

const LEASE_MS = 30_000;
export const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/** Takes or renews the named lease; false when another live owner holds it. */
export async function acquireLease(name = "sync", owner = workerId, ms = LEASE_MS): Promise<boolean> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ms);
  const renewed = await SearchLease.updateOne({ _id: name, owner }, { $set: { expiresAt } });
  if (renewed.matchedCount > 0) return true;
  await SearchLease.deleteOne({ _id: name, expiresAt: { $lt: now } });
  try {
    await SearchLease.create({ _id: name, owner, expiresAt });
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}

export async function releaseLease(name = "sync", owner = workerId) {
  await SearchLease.deleteOne({ _id: name, owner });
}

// ---------------------------------------------------------------- what the index holds
// The version last indexed, per document, lives in its own collection rather than in the
// practice/thread itself: on FerretDB 1.x a write to the source document (even a conditional
// `{_id, version}` update) races with the writers' updates and can silently undo them. Only the
// lease holder writes here (and `npm run reindex`), so nothing races. See
// docs/decisions/005-search-index-state.md.
interface StateDoc {
  _id: string;
  kind: IndexKind;
  version: number;
}
const stateSchema = new Schema<StateDoc>({ _id: { type: String }, kind: { type: String, index: true }, version: Number }, { versionKey: false });
export const SearchIndexState: Model<StateDoc> =
  (mongoose.models.SearchIndexState as Model<StateDoc>) ?? mongoose.model<StateDoc>("SearchIndexState", stateSchema);

/** Upserts per bulkWrite in recordIndexed. FerretDB 1.24 keeps the SQLite rows of every update
 *  statement of one command open until the command ends (`defer` inside its loop over statements,
 *  internal/handler/msg_update.go); a statement that matched an existing document holds one of its
 *  100 pooled connections, so one command re-recording more than 100 documents waits for a
 *  connection forever and the whole store stops answering. Well under 100 per command, so that
 *  even the worker and a reindex recording at the same time leave connections for everyone. */
const RECORD_BATCH = 25;

/** Records that these documents are in the index (or gone from it) at these versions. */
export async function recordIndexed(kind: IndexKind, versions: [string, number][]) {
  for (let i = 0; i < versions.length; i += RECORD_BATCH) {
    const ops = versions.slice(i, i + RECORD_BATCH).map(([id, version]) => ({
      updateOne: { filter: { _id: `${kind}:${id}` }, update: { $set: { kind, version } }, upsert: true },
    }));
    if (ops.length) await SearchIndexState.bulkWrite(ops, { ordered: false });
  }
}

async function indexedState(kind: IndexKind): Promise<Map<string, number>> {
  const rows = await SearchIndexState.find({ kind }).lean();
  return new Map(rows.map((r) => [r._id.slice(kind.length + 1), r.version ?? 0]));
}

// ---------------------------------------------------------------- indexing
const TASK_TIMEOUT_MS = 60_000;
const BATCH = 500;

const indexFor = (kind: IndexKind) => indexName(kind === "practice" ? "practices" : "threads");

async function waitOk(taskUid: number, what: string) {
  const task = await meili().tasks.waitForTask(taskUid, { timeout: TASK_TIMEOUT_MS, interval: 25 });
  if (task.status !== "succeeded") throw new Error(`Meilisearch ${what} failed: ${task.error?.message ?? task.status}`);
}

// Per-pass timings, printed with HUB_SEARCH_LOG=1 (where does a change spend its time?).
let passMarks: [string, number][] = [];
let passT = 0;
function mark(label: string) {
  const now = performance.now();
  passMarks.push([label, Math.round(now - passT)]);
  passT = now;
}

export interface SyncResult {
  indexed: number;
  deleted: number;
}

/** Reads a batch of documents with one `_id: {$in: …}`: on MongoDB and on the patched FerretDB
 *  (decision 015, lists of up to 1,000 ids) a lookup per id on the _id index. */
async function loadByIds<T>(Model: Model<T>, ids: string[]): Promise<Map<string, T>> {
  const docs = (await Model.find({ _id: { $in: ids } }).lean().exec()) as (T & { _id: unknown })[];
  return new Map(docs.map((d) => [String(d._id), d as T]));
}

/** Brings the given documents up to date in the index; returns what was done. */
export async function syncDocuments(kind: IndexKind, ids: (string | Types.ObjectId)[]): Promise<SyncResult> {
  const result = { indexed: 0, deleted: 0 };
  const unique = [...new Set(ids.map(String))].filter((id) => mongoose.isValidObjectId(id));
  for (let i = 0; i < unique.length; i += BATCH) {
    const chunk = unique.slice(i, i + BATCH);
    const add: SearchDocument[] = [];
    const del: string[] = [];
    const versions: [string, number][] = [];
    const byId =
      kind === "practice"
        ? await loadByIds(Practice as unknown as Model<PracticeDoc>, chunk)
        : await loadByIds(Thread as unknown as Model<ThreadDoc>, chunk);
    // A practice's published translations go into its document (issue 13).
    const translations =
      kind === "practice" ? await publishedTranslationsOf(chunk.filter((id) => isIndexablePractice(byId.get(id) as PracticeDoc | undefined))) : new Map<string, PracticeDoc[]>();
    mark("read");
    for (const id of chunk) {
      const d = byId.get(id);
      if (d) versions.push([id, d.version ?? 1]);
      const indexable = !!d && (kind === "practice" ? isIndexablePractice(d as PracticeDoc) : await isIndexableThread(d as ThreadDoc));
      if (indexable) add.push(kind === "practice" ? practiceToDocument(d as PracticeDoc, translations.get(id) ?? []) : await threadToDocument(d as ThreadDoc));
      else del.push(id);
    }
    const index = meili().index(indexFor(kind));
    const tasks: [number, string][] = [];
    if (add.length) tasks.push([(await index.addDocuments(add, { primaryKey: "id" })).taskUid, "addDocuments"]);
    if (del.length) tasks.push([(await index.deleteDocuments(del)).taskUid, "deleteDocuments"]);
    // A practice is also in the moderators' queue index while it is under review (decision 040).
    if (kind === "practice") {
      const review: ReviewDocument[] = [];
      const notReview: string[] = [];
      for (const id of chunk) {
        const d = byId.get(id) as PracticeDoc | undefined;
        if (isReviewablePractice(d)) review.push(practiceToReviewDocument(d!));
        else notReview.push(id);
      }
      const reviews = meili().index(indexName("reviews"));
      if (review.length) tasks.push([(await reviews.addDocuments(review, { primaryKey: "id" })).taskUid, "addDocuments (reviews)"]);
      if (notReview.length) tasks.push([(await reviews.deleteDocuments(notReview)).taskUid, "deleteDocuments (reviews)"]);
    }
    for (const [uid, what] of tasks) await waitOk(uid, what);
    // Listings and search pages read the index: what they show has changed (decision 057).
    if (tasks.length) await contentChanged();
    mark("meilisearch");
    // Only now is this state searchable (or gone): record the version we read. A change made
    // meanwhile has a higher version, so the document stays behind and is indexed next pass.
    await recordIndexed(kind, versions);
    forgetBehind(kind, versions);
    mark("record");
    result.indexed += add.length;
    result.deleted += del.length;
  }
  return result;
}

/** Consumes the outbox (oldest first); entries written meanwhile stay for the next pass. */
export async function drainOutbox(limit = 2000): Promise<SyncResult> {
  const entries = await SearchOutbox.find({}).sort({ createdAt: 1 }).limit(limit).lean();
  mark("outbox");
  if (!entries.length) return { indexed: 0, deleted: 0 };
  const byKind: Record<IndexKind, string[]> = { practice: [], thread: [] };
  for (const e of entries) if (e.kind === "practice" || e.kind === "thread") byKind[e.kind].push(String(e.docId));
  const a = await syncDocuments("practice", byKind.practice);
  const b = await syncDocuments("thread", byKind.thread);
  await SearchOutbox.deleteMany({ _id: { $in: entries.map((e) => e._id) } });
  mark("consume");
  return { indexed: a.indexed + b.indexed, deleted: a.deleted + b.deleted };
}

// ---------------------------------------------------------------- what is behind
// One pass over a collection tells both which documents are behind the index (indexed version <
// version) and which are public. It reads a few small fields (FerretDB 1.x has no $expr or $lookup
// worth relying on, and decodes whole documents anyway: about 17 s for 10,000 large practices on
// SQLite, milliseconds on MongoDB), so its result is kept as a snapshot for /healthz, and the
// sweep runs rarely (see sweepMs).
const scanFields: Record<IndexKind, string> = { practice: "_id version status reviewStatus translationOf", thread: "_id version hidden held deletedAt" };
interface ScanRow {
  _id: Types.ObjectId;
  version?: number;
  status?: string;
  reviewStatus?: string;
  hidden?: boolean;
  held?: boolean;
  deletedAt?: Date | null;
  translationOf?: Types.ObjectId | null;
}
// (a translation is public, but inside its original's document: not a document of its own)
const isPublicRow = (kind: IndexKind, d: ScanRow) => (kind === "practice" ? d.status === "published" && !d.translationOf : !d.hidden && !d.held && !d.deletedAt);

const behindSnapshot: Record<IndexKind, { at: number; ids: Set<string> } | null> = { practice: null, thread: null };
let lastScanMs = 0;

async function scan(kind: IndexKind): Promise<{ behind: string[]; publicVersions: Map<string, number>; reviewVersions: Map<string, number> }> {
  const started = Date.now();
  const Model = (kind === "practice" ? Practice : Thread) as unknown as Model<ScanRow>;
  // documents indexed while this scan runs were behind when it read the state: not any more
  const indexedDuringScan = new Set<string>();
  scansInFlight[kind].add(indexedDuringScan);
  const state = await indexedState(kind).catch((e) => {
    scansInFlight[kind].delete(indexedDuringScan);
    throw e;
  });
  const behind: string[] = [];
  const publicVersions = new Map<string, number>();
  const reviewVersions = new Map<string, number>();
  const cursor = Model.find({}).select(scanFields[kind]).lean<ScanRow[]>().cursor({ batchSize: 2000 });
  try {
    for await (const d of cursor) {
      const id = String(d._id);
      const v = d.version ?? 1;
      if ((state.get(id) ?? 0) < v) behind.push(id);
      if (isPublicRow(kind, d)) publicVersions.set(id, v);
      if (kind === "practice" && (reviewIndexStatuses as string[]).includes(d.reviewStatus ?? "")) reviewVersions.set(id, v);
    }
  } finally {
    scansInFlight[kind].delete(indexedDuringScan);
  }
  behindSnapshot[kind] = { at: started, ids: new Set(behind.filter((id) => !indexedDuringScan.has(id))) };
  lastScanMs = Date.now() - started;
  return { behind, publicVersions, reviewVersions };
}

/** Drops documents just indexed from the snapshot, so /healthz does not wait for the next scan. */
function forgetBehind(kind: IndexKind, versions: [string, number][]) {
  const snap = behindSnapshot[kind];
  if (snap) for (const [id] of versions) snap.ids.delete(id);
  for (const during of scansInFlight[kind]) for (const [id] of versions) during.add(id);
}
/** Sets of ids indexed since each running scan began (see scan). */
const scansInFlight: Record<IndexKind, Set<Set<string>>> = { practice: new Set(), thread: new Set() };

let refreshing: Promise<unknown> | null = null;
// A scan takes at most a sixtieth of the database's time: every 3 s at the demo size (≈50 ms),
// every ten minutes when it takes 10 s (10,000 large practices on FerretDB).
const snapshotTtl = () => Math.max(3000, 60 * lastScanMs);

/** Ids of documents behind the index (no outbox entry needed), from a snapshot refreshed in the
 *  background (see snapshotTtl). Before the first snapshot exists it waits at most `waitMs` and
 *  answers null (unknown), so /healthz never waits for a scan of a large collection. */
export async function behindIds(waitMs = 1000): Promise<string[] | null> {
  const stale = (k: IndexKind) => !behindSnapshot[k] || Date.now() - behindSnapshot[k]!.at > snapshotTtl();
  if (stale("practice") || stale("thread")) {
    refreshing ??= Promise.all([scan("practice"), scan("thread")]).finally(() => {
      refreshing = null;
    });
    const pending = refreshing;
    pending.catch(() => {}); // a background refresh may fail (MongoDB down); the next call retries
    if (!behindSnapshot.practice || !behindSnapshot.thread) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending.catch(() => {}), new Promise((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
      if (!behindSnapshot.practice || !behindSnapshot.thread) return null;
    }
  }
  return [...(behindSnapshot.practice?.ids ?? []), ...(behindSnapshot.thread?.ids ?? [])];
}

/** id → version of every document in the live index (the kind's public one, or the review queue). */
export async function indexedVersions(kind: IndexKind | "reviews"): Promise<Map<string, number>> {
  const index = meili().index(kind === "reviews" ? indexName("reviews") : indexFor(kind));
  const out = new Map<string, number>();
  const limit = 5000;
  for (let offset = 0; ; offset += limit) {
    const page = await index.getDocuments<{ id: string; version?: number }>({ fields: ["id", "version"], limit, offset });
    for (const d of page.results) out.set(String(d.id), Number(d.version ?? 0));
    if (page.results.length < limit) break;
  }
  return out;
}

/** Reconciles MongoDB and the index for both kinds: documents behind, index documents whose
 *  source is gone or no longer public, public documents missing from the index or indexed at
 *  another version (e.g. two writers raced, or a reindex read an older state). */
export async function sweep(): Promise<SyncResult & { checked: number }> {
  // Settings are applied at start-up; here only re-applied when an index lost them (Meilisearch
  // data wiped and the index re-created by an addition), so the task queue stays free for documents.
  let lacking = false;
  for (const [uid, attr] of [[indexFor("practice"), "evidenceLevel"], [indexFor("thread"), "organizations"], [indexName("reviews"), "reviewStatus"]]) {
    const attrs = await meili().index(uid).getFilterableAttributes().catch(() => null);
    if (attrs && JSON.stringify(attrs).includes(attr)) continue;
    lacking = true;
    // a reviews index re-created by an addition holds only what was added since
    if (uid === indexName("reviews")) await markReviewsIndex(false);
  }
  if (lacking) await ensureIndexes();
  const total = { indexed: 0, deleted: 0, checked: 0 };
  for (const kind of ["practice", "thread"] as IndexKind[]) {
    // The index first: with Meilisearch down this fails fast, before a long scan of MongoDB.
    const inIndex = await indexedVersions(kind);
    const inReviews = kind === "practice" ? await indexedVersions("reviews") : new Map<string, number>();
    const { behind, publicVersions: pub, reviewVersions: rev } = await scan(kind);
    const candidates = new Set(behind);
    for (const id of inIndex.keys()) if (!pub.has(id)) candidates.add(id);
    for (const [id, v] of pub) if (inIndex.get(id) !== v) candidates.add(id);
    for (const id of inReviews.keys()) if (!rev.has(id)) candidates.add(id);
    for (const [id, v] of rev) if (inReviews.get(id) !== v) candidates.add(id);
    total.checked += pub.size;
    if (candidates.size) {
      const r = await syncDocuments(kind, [...candidates]);
      total.indexed += r.indexed;
      total.deleted += r.deleted;
    }
    // every practice under review is now in the reviews index (search/review-readiness.server.ts)
    if (kind === "practice") await markReviewsIndex(true);
  }
  return total;
}

/**
 * A fresh install (or a wiped Meilisearch): published practices in MongoDB, none in the index.
 * `npm start` then indexes everything once before serving, because the home, objective and
 * region pages read their figures from the index; later starts skip this.
 */
export async function warmIndexIfCold(): Promise<number> {
  await connectDb();
  // exists, not count: a count reads every published practice on FerretDB
  if (!(await Practice.exists({ status: "published" }))) return 0;
  const docs = await meili()
    .index(indexFor("practice"))
    .getStats()
    .then((s) => s.numberOfDocuments)
    .catch(() => 0);
  if (docs > 0) return 0;
  const r = await syncOnce({ forceSweep: true });
  await releaseLease(); // the app's own worker takes over at once
  return r?.indexed ?? 0;
}

// ---------------------------------------------------------------- the loop
const intervalMs = () => Math.max(50, Number(process.env.HUB_SYNC_INTERVAL_MS ?? 1000) || 1000);
// The outbox carries every change; the sweep is the safety net for a missed enqueue (a crash
// between a write and its outbox entry, an edit made by hand in the database). It waits at least
// HUB_SWEEP_INTERVAL_MS after the previous one ended, and sixty times as long as that one took, so a
// slow scan on a large collection never takes more than a sixtieth of the database's time.
const sweepMs = () => Math.max(1000, Number(process.env.HUB_SWEEP_INTERVAL_MS ?? 60_000) || 60_000, 60 * lastSweepMs);

let nextSweepAt = 0; // 0: sweep on the next pass
let lastSweepMs = 0;
let settingsOk = false;

/** Documents indexed in an older format (SEARCH_DOCUMENT_FORMAT) lack fields the pages read:
 *  forgetting what the index holds makes the next sweep re-index every document once. */
async function reindexOnNewFormat() {
  await once(`search-document-format-${SEARCH_DOCUMENT_FORMAT}`, async () => {
    const { deletedCount } = await SearchIndexState.deleteMany({});
    if (deletedCount) log.info({ format: SEARCH_DOCUMENT_FORMAT, documents: deletedCount }, "new search document format: re-indexing every document");
    nextSweepAt = 0;
  });
}

/** One pass: lease, settings (once), outbox, sweep when due. Throws on failure. */
export async function syncOnce(opts: { forceSweep?: boolean } = {}): Promise<SyncResult | null> {
  await connectDb();
  passMarks = [];
  passT = performance.now();
  if (!(await acquireLease())) return null;
  mark("lease");
  if (!settingsOk) {
    await runMigrations();
    await ensureIndexes();
    await reindexOnNewFormat();
    settingsOk = true;
  }
  const r = await drainOutbox();
  if (opts.forceSweep) {
    const s = await timedSweep();
    r.indexed += s.indexed;
    r.deleted += s.deleted;
  } else if (!sweeping && Date.now() >= nextSweepAt) {
    // The sweep scans every document: on a large collection it takes longer than a tick, so it
    // runs beside the outbox loop instead of holding fresh changes back until it is done.
    // A race between the two heals itself: the sweep compares versions in the index with MongoDB.
    sweeping = timedSweep()
      .then(() => {}, (e) => {
        nextSweepAt = Date.now() + 5000;
        log.error({ err: e }, "search sweep failed, will retry");
      })
      .finally(() => {
        sweeping = null;
      });
  }
  return r;
}

/** The sweep running beside the outbox loop, if any. */
let sweeping: Promise<void> | null = null;

async function timedSweep() {
  const started = Date.now();
  const r = await sweep();
  lastSweepMs = Date.now() - started;
  nextSweepAt = Date.now() + sweepMs();
  if (process.env.HUB_SEARCH_LOG === "1") log.info({ ...r, ms: lastSweepMs }, "search sweep");
  return r;
}

let running = false;
let failures = 0;
let timer: NodeJS.Timeout | null = null;
/** The pass in progress, if any (awaited by stopSyncWorker). */
let pass: Promise<void> | null = null;

/** How soon a pass follows a change enqueued in this process (a burst of writes shares it). */
const NUDGE_MS = 20;
/** A change was enqueued during the pass in progress: the next one follows at once. */
let nudged = false;
/** The timer set is a nudge's (later changes wait for it rather than postponing it). */
let nudgeScheduled = false;

/** A change was enqueued here: run the next pass now rather than at the next poll. While the
 *  worker backs off after failures it keeps its schedule; a pass in progress is followed at once. */
function onEnqueued() {
  if (!running || failures) return;
  if (pass) {
    nudged = true;
    return;
  }
  if (nudgeScheduled) return;
  if (timer) clearTimeout(timer);
  nudgeScheduled = true;
  timer = setTimeout(tick, NUDGE_MS);
  timer.unref?.();
}

function tick() {
  nudgeScheduled = false;
  pass = runPass().finally(() => {
    pass = null;
  });
}

export function startSyncWorker() {
  if (running || process.env.HUB_SEARCH_SYNC === "0") return;
  running = true;
  outboxEvents.on("enqueued", onEnqueued);
  timer = setTimeout(tick, 0);
  timer.unref?.();
}

async function runPass() {
  try {
    const r = await syncOnce();
    if (failures > 0) log.info({ failures }, "search sync recovered");
    failures = 0;
    metrics.syncLastSuccess.set(Date.now() / 1000);
    if (r && (r.indexed || r.deleted) && process.env.HUB_SEARCH_LOG === "1") {
      log.info({ ...r, marks: Object.fromEntries(passMarks) }, "search sync pass");
    }
  } catch (e) {
    failures++;
    // A lost index (Meilisearch data wiped) needs its settings again; a restart keeps them.
    if ((e as { cause?: { code?: string } })?.cause?.code === "index_not_found") settingsOk = false;
    nextSweepAt = 0; // reconcile everything once it works again
    if (failures === 1 || failures % 30 === 0) log.error({ failures, err: e }, "search sync failed, retrying");
  }
  if (!running) return;
  const delay = failures ? Math.min(5000, intervalMs() * 2 ** Math.min(failures, 6)) : nudged ? 0 : intervalMs();
  nudged = false;
  timer = setTimeout(tick, delay);
  timer.unref?.();
}

/** Stops the worker after its current pass (and a sweep in progress), then gives up its lease
 *  so another instance takes over at once instead of after the lease's expiry. */
export async function stopSyncWorker() {
  const wasRunning = running;
  running = false;
  outboxEvents.off("enqueued", onEnqueued);
  if (timer) clearTimeout(timer);
  timer = null;
  await pass;
  await sweeping;
  if (wasRunning) await releaseLease().catch((e) => log.warn({ err: e }, "search sync: the lease could not be released (it expires by itself)"));
}

registerBackgroundWork(startSyncWorker, stopSyncWorker);
