// `npm run bench:load`: the hub under concurrent load (a script that prints a table, never part
// of `npm test`). 64 keep-alive connections (autocannon) for 60 s on each of: a static file of
// the same server (the floor), home, a practice page, the search page and the search API, with
// the demo content plus BENCH_PRACTICES synthetic practices (default 10,000). Prints requests/s,
// p50/p99 latency, errors and non-2xx answers per route, and the hub's resident memory before,
// between and after the runs (flat memory: no growth once warm).
//
//   npm run bench:load                          64 connections, 60 s per route, 10,000 practices
//   npm run bench:load -- --connections 16 --seconds 20 --practices 0
//   npm run bench:load -- --keep                reuse .data-bench (e.g. after bench:pages)
//   npm run bench:load -- --soak 100000         then a mixed run of 100,000 requests (home, a
//                                               practice page, the search page, the search API in
//                                               turn on every connection), the hub's memory
//                                               sampled every 2 s: is it flat once warm?
//   npm run bench:load -- --passes 0 --soak 100000   the soak alone
//
// Services and the hub use .data-bench (BENCH_DATA_DIR) and the bench ports (BENCH_PORT 3250, BENCH_MONGO_PORT
// 27250, BENCH_MEILI_PORT 7850), like bench:pages; stop any other bench first.
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { connectBatchDb, disconnectDb } from "../models/db.server.ts";
import { Practice } from "../models/practice.server.ts";
import { indexName, meili } from "../search/client.server.ts";
import { buildHub, fmtMs, fmtRatio, loadLine, machineLine, printTable, startHub, stopHub, waitForIndex } from "./lib/bench.ts";
import { applyServiceEnv } from "./lib/env.ts";
import { envInt, ROOT, startServices } from "./lib/services.ts";
import { seedDemo } from "./seed/seed.ts";
import { seedSynthetic } from "./seed/synthetic.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isInteger(v) || v < 0) {
    console.error(`Usage: npm run bench:load -- [--connections 64] [--seconds 60] [--practices 10000] [--passes 2] [--soak 0] [--keep]`);
    process.exit(2);
  }
  return v;
};
const connections = Math.max(1, opt("--connections", 64));
const seconds = Math.max(1, opt("--seconds", 60));
const target = opt("--practices", envInt("BENCH_PRACTICES", 10_000));
const passes = Math.min(2, opt("--passes", 2));
const soak = opt("--soak", 0);
const keep = args.includes("--keep");
const log = (s: string) => console.log(`[load] ${s}`);

const dataDir = path.resolve(ROOT, process.env.BENCH_DATA_DIR ?? ".data-bench");
const port = envInt("BENCH_PORT", 3250);
const base = `http://127.0.0.1:${port}`;
const buildDir = process.env.BENCH_BUILD_DIR ?? ".cache/build-bench";

const services = await startServices({ dataDir, mongoPort: envInt("BENCH_MONGO_PORT", 27250), meiliPort: envInt("BENCH_MEILI_PORT", 7850), mailPort: envInt("BENCH_MAIL_PORT", 1250), fresh: !keep, log });
applyServiceEnv(services, dataDir);
process.env.MEILI_INDEX_PREFIX = "bench_";
process.env.HUB_DATA_DIR = dataDir;
process.env.NODE_ENV = "production";

/** Resident memory (MiB) of the hub: the process tree under the spawned command. */
function hubRssMiB(hub: ChildProcess): number {
  const pids = [hub.pid!];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const c of execFileSync("pgrep", ["-P", String(pids[i])], { encoding: "utf8" }).split("\n").filter(Boolean)) pids.push(Number(c));
    } catch {
      /* no children */
    }
  }
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

interface Row {
  name: string;
  path: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** The non-2xx answers by status ("503×12"). */
  codes: string;
  rssAfter: number;
}

function run(name: string, urlPath: string, extra: Record<string, string> = {}): Promise<Row & { raw: autocannon.Result }> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${base}${urlPath}`, connections, duration: seconds, pipelining: 1, timeout: 30, headers: { "accept-encoding": "gzip, br", accept: urlPath.startsWith("/api/") ? "application/json" : "text/html", ...extra } },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          name,
          path: urlPath,
          requests: r.requests.total,
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          codes: Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
            .filter(([code]) => !code.startsWith("2"))
            .map(([code, v]) => `${code}×${v.count}`)
            .join(" "),
          rssAfter: 0,
          raw: r,
        });
      },
    );
  });
}

interface MemorySample {
  /** Requests answered so far in the soak. */
  done: number;
  /** Resident memory of the serving process and V8's used heap (MiB), from its /metrics. */
  rss: number;
  heap: number;
}

/** The serving process's memory from its own /metrics (loopback: no token needed). */
async function hubMemory(): Promise<{ rss: number; heap: number } | null> {
  const text = await fetch(`${base}/metrics`).then((r) => (r.ok ? r.text() : ""), () => "");
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? NaN) / 2 ** 20;
  const m = { rss: value("process_resident_memory_bytes"), heap: value("nodejs_heap_size_used_bytes") };
  return Number.isFinite(m.rss) && Number.isFinite(m.heap) ? m : null;
}

/**
 * The soak: `soak` requests over every connection, each cycling through the page routes (kept and
 * rendered afresh), with the memory sampled every 2 s. Printed per tenth of the requests: the
 * serving process's resident memory (last sample) and the lowest used heap in that tenth (the heap
 * just after a collection: what is really kept; the highest sample only says when the collector
 * last ran).
 */
async function soakRun(paths: string[]) {
  log(`soak: ${soak} requests, ${connections} connections, cycling ${paths.join(", ")} …`);
  const samples: MemorySample[] = [];
  let done = 0;
  const first = await hubMemory();
  if (first) samples.push({ done: 0, ...first });
  const timer = setInterval(() => {
    void hubMemory().then((m) => m && samples.push({ done, ...m }));
  }, 2000);
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        amount: soak,
        pipelining: 1,
        timeout: 30,
        // Each page once from the visitors' page cache and once rendered afresh (a hard reload).
        requests: paths.flatMap((p) =>
          [{}, { "cache-control": "no-cache" }].map((extra) => ({ method: "GET" as const, path: p, headers: { "accept-encoding": "gzip, br", accept: p.startsWith("/api/") ? "application/json" : "text/html", ...extra } })),
        ),
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on("response", () => {
      done++;
      if (done % Math.max(1, Math.round(soak / 10)) === 0) {
        const m = samples.at(-1);
        log(`  ${done} … ${m ? `${m.rss.toFixed(0)} MiB resident, ${m.heap.toFixed(0)} MiB heap` : ""}`);
      }
    });
  });
  clearInterval(timer);
  const last = await hubMemory();
  if (last) samples.push({ done, ...last });
  const tenth = soak / 10;
  const rowsOut: string[][] = [];
  for (let k = 1; k <= 10; k++) {
    const inTenth = samples.filter((s) => s.done > (k - 1) * tenth && s.done <= k * tenth + (k === 10 ? soak : 0));
    if (!inTenth.length) continue;
    rowsOut.push([String(Math.round(k * tenth)), inTenth.at(-1)!.rss.toFixed(0), Math.min(...inTenth.map((s) => s.heap)).toFixed(0), Math.max(...inTenth.map((s) => s.heap)).toFixed(0)]);
  }
  const secondsTaken = (performance.now() - t0) / 1000;
  console.log(`\n## Soak: ${done} requests in ${secondsTaken.toFixed(0)} s (${(done / secondsTaken).toFixed(0)} req/s), ${connections} connections, ${result.errors + result.timeouts} errors, ${result.non2xx} non-2xx\n`);
  printTable(["requests", "RSS MiB", "heap MiB (lowest)", "heap MiB (highest)"], rowsOut);
  if (first && last) console.log(`\nserving process: ${first.rss.toFixed(0)} MiB resident before the soak, ${last.rss.toFixed(0)} MiB after; used heap ${first.heap.toFixed(0)} → ${last.heap.toFixed(0)} MiB.`);
}

let hub: ChildProcess | null = null;
try {
  await connectBatchDb(services.mongoUri);
  await seedDemo(() => {}, true);
  const synthetic = await Practice.countDocuments({ slug: /^synthetic-/ });
  if (target > synthetic) {
    log(`seeding ${target - synthetic} synthetic practices …`);
    const r = await seedSynthetic(target - synthetic, { onProgress: (d) => d % 2000 === 0 && log(`  ${d}`) });
    log(`  ${r.practices} practices, ${r.threads} threads, ${r.replies} replies in ${r.seconds.toFixed(1)} s`);
  }
  const published = await Practice.countDocuments({ status: "published" });
  const practice = await Practice.findOne({ status: "published", slug: { $not: /^synthetic-/ } }).select("slug").lean();
  log("building and starting the hub …");
  buildHub(buildDir);
  hub = await startHub(port, buildDir, { logFile: path.join(dataDir, "hub.log") });
  const index = meili().index(indexName("practices"));
  log(`waiting for the index (${published} published) … ${(await waitForIndex(base, () => index.getStats().then((s) => s.numberOfDocuments >= published, () => false))).toFixed(1)} s`);

  const routes: [string, string][] = [
    ["static file (floor)", "/favicon.svg"],
    ["home", "/"],
    ["practice page", `/practices/${practice!.slug}`],
    ["search page ?q=", "/search?q=migrant+workers"],
    ["API search ?q=", "/api/v1/search?q=remittances"],
  ];
  // Visitors are served kept pages (decision 057); `Cache-Control: no-cache` (a hard reload)
  // renders every request afresh, as a member's pages are.
  const rendered: [string, string][] = routes.slice(1).map(([name, p]) => [`${name}, rendered`, p]);
  // Warm up every route (first renders, caches, JIT) before the memory baseline.
  for (const [, p] of routes) for (let i = 0; i < 20; i++) await fetch(`${base}${p}`).then((r) => r.arrayBuffer());
  const rssStart = hubRssMiB(hub);
  log(`hub memory after warm-up: ${rssStart.toFixed(0)} MiB; ${connections} connections × ${seconds} s per route …`);
  const rows: Row[] = [];
  const second: Row[] = [];
  if (passes >= 1) {
    for (const [name, p] of routes) {
      const r = await run(name, p);
      r.rssAfter = hubRssMiB(hub);
      rows.push(r);
      log(`  ${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors + r.timeouts}, non-2xx ${r.non2xx}, memory ${r.rssAfter.toFixed(0)} MiB`);
    }
    for (const [name, p] of rendered) {
      const r = await run(name, p, { "cache-control": "no-cache" });
      r.rssAfter = hubRssMiB(hub);
      rows.push(r);
      log(`  ${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors + r.timeouts}, non-2xx ${r.non2xx}, memory ${r.rssAfter.toFixed(0)} MiB`);
    }
  }
  // A second pass over the pages, to see whether memory keeps growing once warm.
  if (passes >= 2) {
    for (const [name, p] of routes.slice(1)) {
      const r = await run(name, p);
      r.rssAfter = hubRssMiB(hub);
      second.push(r);
    }
  }
  if (rows.length) {
    const total = [...rows, ...second].reduce((n, r) => n + r.requests, 0);
    const floor = rows[0];
    console.log(`\n## Load: ${connections} connections, ${seconds} s per route, ${published} published practices\n`);
    printTable(
      ["route", "req/s", "p50 ms", "p99 ms", "p99 ÷ p50", "p50 ÷ floor", "errors", "non-2xx", "hub MiB after"],
      rows.map((r) => [r.name, r.rps.toFixed(0), fmtMs(r.p50), fmtMs(r.p99), fmtRatio(r.p99 / Math.max(r.p50, 0.1)), fmtRatio(r.p50 / Math.max(floor.p50, 0.1)), String(r.errors + r.timeouts), r.non2xx ? `${r.non2xx} (${r.codes})` : "0", r.rssAfter.toFixed(0)]),
    );
    if (second.length) {
      console.log("\nsecond pass (memory once warm):\n");
      printTable(
        ["route", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "hub MiB after"],
        second.map((r) => [r.name, r.rps.toFixed(0), fmtMs(r.p50), fmtMs(r.p99), String(r.errors + r.timeouts), r.non2xx ? `${r.non2xx} (${r.codes})` : "0", r.rssAfter.toFixed(0)]),
      );
    }
    const rssEnd = hubRssMiB(hub);
    console.log(`\n${total} requests; hub memory ${rssStart.toFixed(0)} MiB after warm-up, ${rows.at(-1)!.rssAfter.toFixed(0)} MiB after the first pass, ${rssEnd.toFixed(0)} MiB after the passes.`);
  }
  if (soak > 0) await soakRun(routes.slice(1).map(([, p]) => p));
  console.log(`${loadLine()}\nmachine: ${machineLine([services.mongoKind, services.meiliKind])}`);
} finally {
  await stopHub(hub);
  await disconnectDb().catch(() => {});
  await services.stop();
}
process.exit(0);
