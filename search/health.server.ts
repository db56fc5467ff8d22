import { connectDb } from "../models/db.server";
import { meiliHealthy } from "./client.server";
import { SearchOutbox } from "./outbox.server";
import { behindIds } from "./sync.server";

/** Documents waiting for the index: outbox entries (read on every call) plus documents whose
 *  indexed version is behind (a snapshot the sync keeps fresh; see behindIds); null while the
 *  first snapshot is being taken. */
export async function pending(): Promise<number | null> {
  await connectDb();
  const [queued, behind] = await Promise.all([SearchOutbox.distinct("docId"), behindIds()]);
  if (!behind) return null;
  return new Set<string>([...queued.map(String), ...behind]).size;
}

/** Meilisearch reachability and how many documents wait for indexing (null: not known yet). */
export async function searchHealth(): Promise<{ ok: boolean; pending: number | null }> {
  const [ok, n] = await Promise.all([meiliHealthy(), pending().catch(() => -1)]);
  return { ok, pending: n };
}
