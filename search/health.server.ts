import { connectDb } from "../models/db.server";
import { meiliHealthy } from "./client.server";
import { SearchOutbox } from "./outbox.server";
import { behindIds } from "./sync.server";

// The "behind" scan reads two small fields of every practice and thread (FerretDB 1.x has no
// $expr), so it is cached; the outbox (the usual signal) is read on every call.
let behindCache: { at: number; ids: string[] } | null = null;
const BEHIND_TTL_MS = 3000;

/** Documents waiting for the index: outbox entries plus documents whose indexedVersion is behind. */
export async function pending(): Promise<number> {
  await connectDb();
  if (!behindCache || Date.now() - behindCache.at > BEHIND_TTL_MS) {
    const [p, t] = await Promise.all([behindIds("practice"), behindIds("thread")]);
    behindCache = { at: Date.now(), ids: [...p, ...t] };
  }
  const queued = await SearchOutbox.distinct("docId");
  return new Set<string>([...queued.map(String), ...behindCache.ids]).size;
}

/** Meilisearch reachability and how many documents wait for indexing. */
export async function searchHealth(): Promise<{ ok: boolean; pending: number }> {
  const [ok, n] = await Promise.all([meiliHealthy(), pending().catch(() => -1)]);
  return { ok, pending: n };
}
