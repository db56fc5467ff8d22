// Shared by the search tests: waiting for the index to catch up, Meilisearch fault injection.
import { canInject, meiliService, startService, stopService } from "../helpers/faults";
import { HUB } from "../helpers/http";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function api(qs: string) {
  const res = await fetch(`${HUB}/api/v1/search?${qs}`);
  return { status: res.status, body: (await res.json()) as any };
}

/** Polls until `check` is true (or throws after timeoutMs). */
export async function eventually<T>(check: () => Promise<T | false | null | undefined>, timeoutMs = 20_000, what = "condition"): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** Waits until /healthz says nothing is waiting for the index. */
export async function waitForIndex(timeoutMs = 110_000) {
  await eventually(async () => {
    const r = await fetch(`${HUB}/healthz`);
    const b = (await r.json()) as { pending: number };
    return r.status === 200 && b.pending === 0;
  }, timeoutMs, "the search index to catch up");
}

export const meiliUp = () => meiliService.up();
export const canInjectFaults = () => canInject(meiliService) && !!process.env.MEILI_HOST;
/** Kills the test Meilisearch. */
export const stopMeili = () => stopService(meiliService);
/** Starts the same Meilisearch binary with the same arguments again. */
export const startMeili = () => startService(meiliService);
