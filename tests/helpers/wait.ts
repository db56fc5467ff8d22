// Waiting in tests: a pause, and polling until a condition holds (or failing with what was awaited).
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns something truthy (and returns it), or throws after timeoutMs. */
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
