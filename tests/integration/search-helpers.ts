// Shared by the search tests: waiting for the index to catch up, Meilisearch fault injection.
import { spawn } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
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

const dataDir = () => process.env.HUB_DATA_DIR ?? "";
const procFile = () => path.join(dataDir(), "meili-process.json");
const meiliHost = () => (process.env.MEILI_HOST ?? "").replace(/\/$/, "");

export async function meiliUp(): Promise<boolean> {
  try {
    return (await fetch(`${meiliHost()}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

export function canInjectFaults() {
  return !!dataDir() && existsSync(procFile()) && !!meiliHost();
}

/** Kills the test Meilisearch (the pid the test services recorded). */
export async function stopMeili() {
  const { pid } = JSON.parse(readFileSync(procFile(), "utf8")) as { pid: number };
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  await eventually(async () => !(await meiliUp()), 10_000, "Meilisearch to stop");
}

/** Starts the same binary with the same arguments again. A small shell watchdog stops it when
 *  the test runner exits, so nothing outlives the test run. */
export async function startMeili() {
  if (await meiliUp()) return;
  const info = JSON.parse(readFileSync(procFile(), "utf8")) as { pid: number; bin: string; args: string[]; log?: string };
  const out = openSync(info.log ?? path.join(dataDir(), "meilisearch.log"), "a");
  const watch = process.ppid;
  const script = `"$0" "$@" & m=$!; trap 'kill $m 2>/dev/null; exit 0' TERM INT; while kill -0 ${watch} 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 1; done; kill $m 2>/dev/null; wait $m`;
  const child = spawn("sh", ["-c", script, info.bin, ...info.args], { detached: true, stdio: ["ignore", out, out] });
  child.unref();
  await eventually(() => meiliUp(), 30_000, "Meilisearch to restart");
  // Record who runs it now (the meilisearch child of the watchdog shell).
  let pid = child.pid ?? 0;
  try {
    const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/).map(Number).filter(Boolean);
    if (kids.length) pid = kids[0];
  } catch {
    /* no /proc: keep the shell's pid (killing it stops meilisearch through the trap) */
  }
  writeFileSync(procFile(), JSON.stringify({ ...info, pid }));
}
