import { connectDb } from "../models/db.server";
import { meiliHealthy } from "./client.server";
import { SearchOutbox } from "./outbox.server";
import { behindIds } from "./sync.server";

let cache: { at: number; value: number } | null = null;

/** Documents waiting for the index: outbox entries plus documents whose indexedVersion is behind. */
export async function pending(): Promise<number> {
  if (cache && Date.now() - cache.at < 300) return cache.value;
  await connectDb();
  const [queued, practices, threads] = await Promise.all([
    SearchOutbox.distinct("docId"),
    behindIds("practice"),
    behindIds("thread"),
  ]);
  const ids = new Set<string>([...queued.map(String), ...practices, ...threads]);
  cache = { at: Date.now(), value: ids.size };
  return ids.size;
}

/** Meilisearch reachability and how many documents wait for indexing. */
export async function searchHealth(): Promise<{ ok: boolean; pending: number }> {
  const [ok, n] = await Promise.all([meiliHealthy(), pending().catch(() => -1)]);
  return { ok, pending: n };
}
