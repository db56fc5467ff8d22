// Shared by the search tests: waiting for the index to catch up, Meilisearch fault injection.
import { canInject, meiliService, startService, stopService } from "../helpers/faults";
import { HUB } from "../helpers/http";
import { eventually, sleep } from "../helpers/wait";

export { eventually, sleep };

export async function api(qs: string) {
  const res = await fetch(`${HUB}/api/v1/search?${qs}`);
  return { status: res.status, body: (await res.json()) as any };
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
