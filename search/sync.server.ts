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
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import mongoose, { Schema, type Model, type Types } from "mongoose";
import { registerBackgroundWork } from "../app/lib/background.server";
import { connectDb } from "../models/db.server";
import { Practice, type PracticeDoc } from "../models/practice.server";
import { Thread, type ThreadDoc } from "../models/thread.server";
import { indexName, meili } from "./client.server";
import { isIndexablePractice, isIndexableThread, practiceToDocument, threadToDocument, type SearchDocument } from "./documents.server";
import { SearchOutbox, type IndexKind } from "./outbox.server";
import { ensureIndexes } from "./settings.server";

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

/** Records that these documents are in the index (or gone from it) at these versions. */
export async function recordIndexed(kind: IndexKind, versions: [string, number][]) {
  for (let i = 0; i < versions.length; i += 1000) {
    const ops = versions.slice(i, i + 1000).map(([id, version]) => ({
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

export interface SyncResult {
  indexed: number;
  deleted: number;
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
    if (kind === "practice") {
      const docs = (await Practice.find({ _id: { $in: chunk } }).lean()) as PracticeDoc[];
      const byId = new Map(docs.map((d) => [String(d._id), d]));
      for (const id of chunk) {
        const d = byId.get(id);
        if (d) versions.push([id, d.version ?? 1]);
        if (d && isIndexablePractice(d)) add.push(practiceToDocument(d));
        else del.push(id);
      }
    } else {
      const docs = (await Thread.find({ _id: { $in: chunk } }).lean()) as ThreadDoc[];
      const byId = new Map(docs.map((d) => [String(d._id), d]));
      for (const id of chunk) {
        const d = byId.get(id);
        if (d) versions.push([id, d.version ?? 1]);
        if (d && (await isIndexableThread(d))) add.push(await threadToDocument(d));
        else del.push(id);
      }
    }
    const index = meili().index(indexFor(kind));
    if (add.length) await waitOk((await index.addDocuments(add, { primaryKey: "id" })).taskUid, "addDocuments");
    if (del.length) await waitOk((await index.deleteDocuments(del)).taskUid, "deleteDocuments");
    // Only now is this state searchable (or gone): record the version we read. A change made
    // meanwhile has a higher version, so the document stays behind and is indexed next pass.
    await recordIndexed(kind, versions);
    result.indexed += add.length;
    result.deleted += del.length;
  }
  return result;
}

/** Consumes the outbox (oldest first); entries written meanwhile stay for the next pass. */
export async function drainOutbox(limit = 2000): Promise<SyncResult> {
  const entries = await SearchOutbox.find({}).sort({ createdAt: 1 }).limit(limit).lean();
  if (!entries.length) return { indexed: 0, deleted: 0 };
  const byKind: Record<IndexKind, string[]> = { practice: [], thread: [] };
  for (const e of entries) if (e.kind === "practice" || e.kind === "thread") byKind[e.kind].push(String(e.docId));
  const a = await syncDocuments("practice", byKind.practice);
  const b = await syncDocuments("thread", byKind.thread);
  await SearchOutbox.deleteMany({ _id: { $in: entries.map((e) => e._id) } });
  return { indexed: a.indexed + b.indexed, deleted: a.deleted + b.deleted };
}

/** Ids of documents whose indexed version is behind their version (a scan of one small field
 *  per document: FerretDB 1.x has no $expr or $lookup worth relying on). */
export async function behindIds(kind: IndexKind): Promise<string[]> {
  const Model = (kind === "practice" ? Practice : Thread) as unknown as Model<{ version: number }>;
  const state = await indexedState(kind);
  const out: string[] = [];
  const cursor = Model.find({}).select("_id version").lean().cursor({ batchSize: 2000 });
  for await (const d of cursor) if ((state.get(String(d._id)) ?? 0) < (d.version ?? 1)) out.push(String(d._id));
  return out;
}

async function publicVersions(kind: IndexKind): Promise<Map<string, number>> {
  const docs =
    kind === "practice"
      ? await Practice.find({ status: "published" }).select("_id version").lean()
      : await Thread.find({ hidden: false, held: false, deletedAt: null }).select("_id version").lean();
  return new Map(docs.map((d) => [String(d._id), d.version ?? 1]));
}

/** id → version of every document in the live index. */
export async function indexedVersions(kind: IndexKind): Promise<Map<string, number>> {
  const index = meili().index(indexFor(kind));
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
  for (const kind of ["practice", "thread"] as IndexKind[]) {
    const attrs = await meili().index(indexFor(kind)).getFilterableAttributes().catch(() => null);
    if (!attrs || !JSON.stringify(attrs).includes("stakeholderTypes")) {
      await ensureIndexes();
      break;
    }
  }
  const total = { indexed: 0, deleted: 0, checked: 0 };
  for (const kind of ["practice", "thread"] as IndexKind[]) {
    const [behind, pub, inIndex] = await Promise.all([behindIds(kind), publicVersions(kind), indexedVersions(kind)]);
    const candidates = new Set(behind);
    for (const id of inIndex.keys()) if (!pub.has(id)) candidates.add(id);
    for (const [id, v] of pub) if (inIndex.get(id) !== v) candidates.add(id);
    total.checked += pub.size;
    if (candidates.size) {
      const r = await syncDocuments(kind, [...candidates]);
      total.indexed += r.indexed;
      total.deleted += r.deleted;
    }
  }
  return total;
}

// ---------------------------------------------------------------- the loop
const intervalMs = () => Math.max(50, Number(process.env.HUB_SYNC_INTERVAL_MS ?? 1000) || 1000);
const sweepMs = () => Math.max(1000, Number(process.env.HUB_SWEEP_INTERVAL_MS ?? 30_000) || 30_000);

let lastSweep = 0;
let settingsOk = false;

/** One pass: lease, settings (once), outbox, sweep when due. Throws on failure. */
export async function syncOnce(opts: { forceSweep?: boolean } = {}): Promise<SyncResult | null> {
  await connectDb();
  if (!(await acquireLease())) return null;
  if (!settingsOk) {
    await ensureIndexes();
    settingsOk = true;
  }
  const r = await drainOutbox();
  if (opts.forceSweep) {
    const s = await sweep();
    lastSweep = Date.now();
    r.indexed += s.indexed;
    r.deleted += s.deleted;
  } else if (!sweeping && Date.now() - lastSweep >= sweepMs()) {
    // The sweep scans every document: on a large collection it takes longer than a tick, so it
    // runs beside the outbox loop instead of holding fresh changes back until it is done.
    // A race between the two heals itself: the sweep compares versions in the index with MongoDB.
    sweeping = true;
    lastSweep = Date.now();
    sweep()
      .catch((e) => {
        lastSweep = 0;
        console.error(`[search] sweep failed, will retry: ${(e as Error).message}`);
      })
      .finally(() => {
        sweeping = false;
      });
  }
  return r;
}

let sweeping = false;

let running = false;
let failures = 0;
let timer: NodeJS.Timeout | null = null;

export function startSyncWorker() {
  if (running || process.env.HUB_SEARCH_SYNC === "0") return;
  running = true;
  const tick = async () => {
    try {
      const r = await syncOnce();
      if (failures > 0) console.log(`[search] sync recovered after ${failures} failed attempt(s)`);
      failures = 0;
      if (r && (r.indexed || r.deleted) && process.env.HUB_SEARCH_LOG === "1") console.log(`[search] indexed ${r.indexed}, deleted ${r.deleted}`);
    } catch (e) {
      failures++;
      // A lost index (Meilisearch data wiped) needs its settings again; a restart keeps them.
      if ((e as { cause?: { code?: string } })?.cause?.code === "index_not_found") settingsOk = false;
      lastSweep = 0; // reconcile everything once it works again
      if (failures === 1 || failures % 30 === 0) console.error(`[search] sync failed (attempt ${failures}), retrying: ${(e as Error).message}`);
    }
    if (!running) return;
    const delay = failures ? Math.min(5000, intervalMs() * 2 ** Math.min(failures, 6)) : intervalMs();
    timer = setTimeout(tick, delay);
    timer.unref?.();
  };
  timer = setTimeout(tick, 0);
  timer.unref?.();
}

export function stopSyncWorker() {
  running = false;
  if (timer) clearTimeout(timer);
}

registerBackgroundWork(startSyncWorker);
