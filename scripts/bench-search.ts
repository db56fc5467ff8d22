// `npm run bench:search`: search performance on 10,000 synthetic practices (a script, not a
// timed test). Uses its own data dir (.data-bench) and ports, builds and serves the hub, and prints:
//   (a) p50/p95 of GET /api/v1/search vs the raw Meilisearch requests for the same 50 queries
//       (both over keep-alive node:http connections, uncompressed: the raw side is the best a
//       client of Meilisearch can do for the same multi-searches)
//   (b) one faceted query answered by MongoDB aggregations vs Meilisearch
//   (c) publish-to-searchable lag (p95), through the real moderator publish request
//   (d) reindex throughput (documents per second)
//   `--quick`: 10 queries × 2 rounds, 5 probes, 3 faceted runs.
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { connectBatchDb, disconnectDb } from "../models/db.server.ts";
import { emptyFilters, type Filters } from "../models/filters.server.ts";
import type { QueryFilter } from "mongoose";
import { Practice, type PracticeDoc } from "../models/practice.server.ts";
import { buildRequests, searchHub } from "../search/query.server.ts";
import { rebuildIndexes } from "../search/reindex.server.ts";
import { BenchClient, buildHub, loadLine, machineLine, pct, printTable, probeWrites, searchableThroughApi, startHub, stopHub, waitForIndex } from "./lib/bench.ts";
import { applyServiceEnv } from "./lib/env.ts";
import { envInt, ROOT, startServices } from "./lib/services.ts";
import { DEMO_PASSWORD, seedDemo } from "./seed/seed.ts";
import { seedSynthetic } from "./seed/synthetic.ts";

const quick = process.argv.includes("--quick");
const N = envInt("BENCH_PRACTICES", 10_000);
const REPEAT = envInt("BENCH_REPEAT", quick ? 2 : 5);
const QUERIES = quick ? 10 : 50;
const PROBES = envInt("BENCH_PROBES", quick ? 5 : 20);
const PHASES = (process.env.BENCH_PHASES ?? "abcd").toLowerCase(); // e.g. BENCH_PHASES=c with BENCH_KEEP=1
const dataDir = path.join(ROOT, ".data-bench");
const port = envInt("BENCH_PORT", 3250);
const log = (s: string) => console.log(`[bench] ${s}`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

const services = await startServices({
  dataDir,
  mongoPort: envInt("BENCH_MONGO_PORT", 27250),
  mailPort: envInt("BENCH_MAIL_PORT", 1250),
  meiliPort: envInt("BENCH_MEILI_PORT", 7850),
  fresh: process.env.BENCH_KEEP !== "1",
  log,
});
applyServiceEnv(services, dataDir);
process.env.MEILI_INDEX_PREFIX = "bench_";
process.env.HUB_DATA_DIR = dataDir;
let hub: ChildProcess | null = null;
const clients: BenchClient[] = [];

try {
  await connectBatchDb(services.mongoUri);
  // --- data
  const existing = await Practice.countDocuments({ slug: /^synthetic-/ });
  if (existing < N) {
    await seedDemo(() => {});
    log(`seeding ${N - existing} synthetic practices …`);
    const r = await seedSynthetic(N - existing, { onProgress: (d) => d % 2000 === 0 && log(`  ${d}`) });
    log(`  seeded in ${r.seconds.toFixed(1)} s`);
  }

  // --- (d) reindex throughput
  let re = { practices: 0, threads: 0, seconds: NaN };
  if (PHASES.includes("d") || process.env.BENCH_KEEP !== "1") {
    log("reindexing …");
    re = await rebuildIndexes(undefined, { reconcile: false });
    log(`  ${re.practices + re.threads} documents in ${re.seconds.toFixed(1)} s`);
  }
  const docs = re.practices + re.threads;
  const throughput = docs / re.seconds;
  // --- the hub
  const buildDir = ".cache/build-bench";
  log("building the hub …");
  buildHub(buildDir);
  hub = await startHub(port, buildDir, { env: { HUB_SEARCH_LOG: process.env.HUB_SEARCH_LOG ?? "1", HUB_SYNC_INTERVAL_MS: process.env.HUB_SYNC_INTERVAL_MS ?? "250" } });
  const base = `http://127.0.0.1:${port}`;
  // The seed went through the outbox: let the hub's worker finish with it before measuring.
  log(`waiting for the index to catch up … ${(await waitForIndex(base)).toFixed(1)} s`);

  // --- (a) API vs raw Meilisearch, 50 queries
  const terms = "migration remittances labour mobility health policy data integration border protection children return reintegration diaspora skills climate displacement community trafficking smuggling inclusion transferts santé frontière enfants retour remesas salud frontera niñez retorno migracion remitances helth".split(" ");
  const queries: { q: string; filters: Filters }[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const filters = emptyFilters();
    if (i % 3 === 1) filters.objective.push((i % 23) + 1);
    if (i % 5 === 2) filters.region.push(["Africa", "Americas", "Asia", "Europe", "Oceania"][i % 5]);
    if (i % 7 === 3) filters.lang.push(["en", "fr", "es"][i % 3]);
    const q = i % 10 === 9 ? "" : i % 4 === 0 ? `${terms[i % terms.length]} ${terms[(i * 7) % terms.length]}` : terms[i % terms.length];
    queries.push({ q, filters });
  }
  const qs = (x: { q: string; filters: Filters }) => {
    const p = new URLSearchParams({ q: x.q });
    for (const [k, vs] of Object.entries(x.filters)) for (const v of vs as (string | number)[]) p.append(k, String(v));
    return p.toString();
  };
  const apiTimes: number[] = [];
  const rawTimes: number[] = [];
  // Both sides: keep-alive node:http connections, uncompressed answers. The raw side sends the
  // same multi-search bodies the hub sends, in parallel as the hub does (one connection each).
  // Every API request answered afresh (kept answers, decision 057, would not ask Meilisearch).
  const apiClient = new BenchClient(base, { "accept-encoding": "identity", accept: "application/json", "cache-control": "no-cache" });
  const raw = new BenchClient(services.meiliHost, { "accept-encoding": "identity", "content-type": "application/json", authorization: `Bearer ${services.meiliKey}` }, 16);
  clients.push(apiClient, raw);
  const rawSearch = async (x: { q: string; filters: Filters }) => {
    const { main, facetQueries } = buildRequests({ q: x.q, filters: x.filters, sort: "relevance", page: 1, perPage: 20 });
    const t = performance.now();
    const answers = await Promise.all([main, ...facetQueries.map((f) => f.req)].map((body) => raw.request("POST", "/multi-search", { body: JSON.stringify(body) })));
    const took = performance.now() - t;
    for (const a of answers) if (a.status !== 200) throw new Error(`Meilisearch answered ${a.status}: ${a.body.toString("utf8").slice(0, 200)}`);
    return took;
  };
  const apiSearch = async (x: { q: string; filters: Filters }) => {
    const res = await apiClient.get(`/api/v1/search?${qs(x)}`);
    if (res.status !== 200) throw new Error(`API answered ${res.status} for ${qs(x)}`);
    JSON.parse(res.body.toString("utf8"));
    return res.ms;
  };
  for (const x of PHASES.includes("a") ? queries : []) {
    await apiSearch(x); // warm-up
    await rawSearch(x);
  }
  for (let r = 0; r < (PHASES.includes("a") ? REPEAT : 0); r++) {
    for (const x of queries) {
      apiTimes.push(await apiSearch(x));
      rawTimes.push(await rawSearch(x));
    }
  }

  log(`(a) API p50/p95 ${ms(pct(apiTimes, 50))}/${ms(pct(apiTimes, 95))}; raw Meilisearch p50/p95 ${ms(pct(rawTimes, 50))}/${ms(pct(rawTimes, 95))}`);

  // --- (b) one faceted query: MongoDB aggregations vs Meilisearch
  const facetFilters = emptyFilters();
  facetFilters.objective.push(20);
  facetFilters.region.push("Africa");
  const match: QueryFilter<PracticeDoc> = { status: "published", objectives: { $in: [20] }, regions: { $in: ["Africa"] } };
  const mongoFacets = async () => {
    const group = (field: string) => Practice.aggregate([{ $match: match }, { $unwind: `$${field}` }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }]);
    await Promise.all([
      Practice.countDocuments(match),
      Practice.find(match).sort({ publishedAt: -1 }).limit(20).select("slug title summary").lean(),
      group("objectives"),
      group("principles"),
      group("regions"),
      group("countries"),
      group("stakeholderTypes"),
      Practice.aggregate([{ $match: match }, { $group: { _id: "$language", n: { $sum: 1 } } }]),
    ]);
  };
  const meiliFacets = () => searchHub({ q: "", filters: facetFilters, sort: "newest", page: 1, perPage: 20 });
  const mongoT: number[] = [];
  const meiliT: number[] = [];
  if (PHASES.includes("b")) {
    await mongoFacets();
    await meiliFacets();
  }
  // Ten runs, or as many as fit in two minutes (at least three): on FerretDB/SQLite one MongoDB
  // run takes 100 s at 10,000 practices.
  const bStarted = performance.now();
  for (let i = 0; PHASES.includes("b") && i < (quick ? 3 : 10) && (i < 3 || performance.now() - bStarted < 120_000); i++) {
    let t = performance.now();
    await mongoFacets();
    mongoT.push(performance.now() - t);
    t = performance.now();
    await meiliFacets();
    meiliT.push(performance.now() - t);
  }

  log(`(b) faceted query p50: MongoDB ${ms(pct(mongoT, 50))}, Meilisearch ${ms(pct(meiliT, 50))}`);

  // --- (c) publish-to-searchable lag: a member's draft, submitted, published by a moderator
  // through the real requests, then GET /api/v1/search polled until the practice is a hit.
  let lags: number[] = [];
  let writes: number[] = [];
  if (PHASES.includes("c")) {
    const member = await new BenchClient(base).login("member@example.org", DEMO_PASSWORD);
    const moderator = await new BenchClient(base).login("moderator@example.org", DEMO_PASSWORD);
    const poller = new BenchClient(base);
    clients.push(member, moderator, poller);
    const w = await probeWrites(member, moderator, PROBES, searchableThroughApi(poller), { log });
    lags = w.lag;
    writes = w.publish;
  }

  // --- report
  const a50 = pct(apiTimes, 50), a95 = pct(apiTimes, 95), r50 = pct(rawTimes, 50), r95 = pct(rawTimes, 95);
  const m50 = pct(mongoT, 50), s50 = pct(meiliT, 50);
  const rows = [
    ["(a) /api/v1/search p50 / p95", `${ms(a50)} / ${ms(a95)}`, ""],
    ["(a) raw Meilisearch p50 / p95", `${ms(r50)} / ${ms(r95)}`, ""],
    ["(a) ratio API / raw (p50, p95)", `${(a50 / r50).toFixed(2)}, ${(a95 / r95).toFixed(2)}`, "≤ 1.5"],
    ["(b) faceted query, MongoDB p50", `${ms(m50)} (${mongoT.length} runs)`, ""],
    ["(b) faceted query, Meilisearch p50", ms(s50), ""],
    ["(b) ratio MongoDB / Meilisearch", (m50 / s50).toFixed(2), ""],
    ["(c) publish → searchable p50 / p95", `${ms(pct(lags, 50))} / ${ms(pct(lags, 95))} (${lags.length} probes; the publish request itself p50 ${ms(pct(writes, 50))}, p95 ${ms(pct(writes, 95))})`, "p95 < 1 s"],
    ["(d) reindex throughput", `${Math.round(throughput)} documents/s (${docs} in ${re.seconds.toFixed(1)} s)`, ""],
  ];
  console.log("");
  printTable(["measure", "result", "target"], rows);
  console.log("");
  console.log(
    `machine: ${machineLine([services.mongoKind, services.meiliKind])}; ${loadLine()}; ${N} synthetic practices; ${queries.length} queries × ${REPEAT}; sync interval ${process.env.HUB_SYNC_INTERVAL_MS ?? "250"} ms`,
  );
} finally {
  for (const c of clients) c.close();
  await stopHub(hub);
  await disconnectDb().catch(() => {});
  await services.stop();
}
process.exit(0);
