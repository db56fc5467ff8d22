// The contract between writers and the search sync: after any change that may alter what a
// practice or thread looks like in search (content, status, visibility, deletion), call
// enqueueIndex(). The sync worker (search/sync.server.ts) consumes these entries; a periodic
// sweep also compares `version` with the version last indexed (search/sync.server.ts), so nothing
// is lost if this call is missed.
// Insert-only: FerretDB can lose concurrent updates to one document, inserts are safe.
import { EventEmitter } from "node:events";
import mongoose, { Schema, type Model, Types } from "mongoose";
import { connectDb } from "../models/db.server";
import { log } from "../models/log.server";
import { scrapeGauge } from "../models/metrics.server";

export type IndexKind = "practice" | "thread";

interface OutboxDoc {
  _id: Types.ObjectId;
  kind: IndexKind;
  docId: Types.ObjectId;
  createdAt: Date;
}
const outboxSchema = new Schema<OutboxDoc>({
  kind: { type: String, required: true },
  docId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, default: () => new Date(), index: true },
});
export const SearchOutbox: Model<OutboxDoc> =
  (mongoose.models.SearchOutbox as Model<OutboxDoc>) ?? mongoose.model<OutboxDoc>("SearchOutbox", outboxSchema);

/** Emits "enqueued" once an entry is stored, so that this process's sync worker starts its next
 *  pass at once instead of at its next poll (decision 054). Other instances still poll. */
export const outboxEvents = new EventEmitter();

export async function enqueueIndex(kind: IndexKind, id: string | Types.ObjectId) {
  try {
    await SearchOutbox.create({ kind, docId: id });
    outboxEvents.emit("enqueued");
  } catch (e) {
    // The sweep will catch it; a failed enqueue must never fail the user's write.
    log.error({ err: e, component: "search" }, "search outbox: enqueue failed");
  }
}

/** Ids of the documents of a kind changed since the index last caught up with them (outbox
 *  entries not consumed yet; at most `max`, else null: a bulk import is in progress). Readers of
 *  the index correct their hits with these, read from MongoDB. */
export async function changedSinceIndexed(kind: IndexKind, max = 200): Promise<string[] | null> {
  const entries = await SearchOutbox.find({ kind }).select("docId").limit(max + 1).lean();
  const ids = [...new Set(entries.map((e) => String(e.docId)))];
  return ids.length > max ? null : ids;
}

/** The same for many documents at once (seeds and scripts that add content in bulk): one
 *  insertMany per thousand entries. Unlike enqueueIndex it throws, so a script reports a failure
 *  instead of leaving content that only a sweep would find. */
export async function enqueueIndexMany(kind: IndexKind, ids: (string | Types.ObjectId)[]): Promise<number> {
  const createdAt = new Date();
  for (let i = 0; i < ids.length; i += 1000) {
    await SearchOutbox.insertMany(
      ids.slice(i, i + 1000).map((docId) => ({ kind, docId, createdAt })),
      { ordered: false },
    );
  }
  if (ids.length) outboxEvents.emit("enqueued");
  return ids.length;
}

// Read when /metrics is scraped (cached, see scrapeGauge). The outbox holds every change the
// index has not taken yet: its size, and the age of its oldest entry, which is how far the
// search index is behind MongoDB (0 when it has caught up).
scrapeGauge("hub_search_outbox_entries", "Changes waiting in the search outbox.", [], async () => {
  await connectDb();
  return [[{}, await SearchOutbox.estimatedDocumentCount()]];
});
scrapeGauge("hub_search_sync_lag_seconds", "Age of the oldest change the search index has not taken yet (0: caught up).", [], async () => {
  await connectDb();
  const oldest = await SearchOutbox.findOne({}).sort({ createdAt: 1 }).select("createdAt").lean();
  return [[{}, oldest ? Math.max(0, (Date.now() - new Date(oldest.createdAt).getTime()) / 1000) : 0]];
});
