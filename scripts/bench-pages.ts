// `npm run bench:pages`: how fast every page type and API route answers at the demo size and with
// 1,000 and 10,000 more practices (a script that prints tables, never part of `npm test`).
//
// Provisions its own services (data dir .data-bench, FerretDB/MongoDB on 27250, Meilisearch on
// 7850, the hub on 3250; BENCH_PORT, BENCH_MONGO_PORT, BENCH_MEILI_PORT override), seeds the demo,
// builds and starts the hub as shipped (sync and sweep intervals at their defaults), then for each
// size: adds synthetic practices (with owners, threads and replies) through the search outbox,
// waits until the index has caught up, and measures with one keep-alive connection per client
// (sequential requests, warm-up first) p50/p95 of every route against a static file of the same
// server (the floor), then the write path through real requests (draft create, save, submit,
// publish, publish → searchable through the search API).
//
//   npm run bench:pages                       sizes 0, 1000, 10000
//   npm run bench:pages -- --sizes 0,1000     other sizes (cumulative: ascending)
//   npm run bench:pages -- --quick            few repetitions (a quick look)
//   npm run bench:pages -- --keep             reuse .data-bench instead of starting fresh
//
// The hub's own output goes to .data-bench/hub.log; results also to .cache/bench-pages.json (the
// demo-size run is kept there as the baseline for later runs that skip size 0).
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { connectBatchDb, disconnectDb } from "../models/db.server.ts";
import { Post } from "../models/post.server.ts";
import { Practice } from "../models/practice.server.ts";
import { Thread } from "../models/thread.server.ts";
import { User } from "../models/user.server.ts";
import { indexName, meili } from "../search/client.server.ts";
import { BenchClient, buildHub, fmtMs, fmtRatio, loadLine, machineLine, pct, printTable, probeWrites, searchableThroughApi, startHub, stopHub, waitForIndex, type WriteProbe } from "./lib/bench.ts";
import { applyServiceEnv } from "./lib/env.ts";
import { envInt, ROOT, startServices } from "./lib/services.ts";
import { DEMO_PASSWORD, seedDemo } from "./seed/seed.ts";
import { seedSynthetic } from "./seed/synthetic.ts";

// ------------------------------------------------------------------ options
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? "") : null;
};
const quick = args.includes("--quick");
const keep = args.includes("--keep");
const sizes = (opt("--sizes") ?? "0,1000,10000").split(",").map((s) => Number(s.trim()));
if (!sizes.length || sizes.some((n, i) => !Number.isInteger(n) || n < 0 || n > 1_000_000 || (i > 0 && n <= sizes[i - 1]))) {
  console.error("Usage: npm run bench:pages -- [--sizes 0,1000,10000] [--quick] [--keep]   (sizes ascending, 0–1000000)");
  process.exit(2);
}
const REPEAT = envInt("BENCH_REPEAT", quick ? 5 : 20);
const WARMUP = quick ? 1 : 3;
/** Per route and size: stop repeating once this much time went into a route (at least 3 samples). */
const BUDGET_MS = envInt("BENCH_ROUTE_BUDGET_MS", quick ? 10_000 : 30_000);
const PROBES = envInt("BENCH_PROBES", quick ? 5 : 20);

const dataDir = path.join(ROOT, ".data-bench");
const port = envInt("BENCH_PORT", 3250);
const base = `http://127.0.0.1:${port}`;
const buildDir = ".cache/build-bench";
const resultsFile = path.join(ROOT, ".cache", "bench-pages.json");
const log = (s: string) => console.log(`[bench] ${s}`);
const RENDERED = ", rendered";

// ------------------------------------------------------------------ services, demo, hub
const services = await startServices({
  dataDir,
  mongoPort: envInt("BENCH_MONGO_PORT", 27250),
  mailPort: envInt("BENCH_MAIL_PORT", 1250),
  meiliPort: envInt("BENCH_MEILI_PORT", 7850),
  fresh: !keep,
  log,
});
applyServiceEnv(services, dataDir);
process.env.MEILI_INDEX_PREFIX = "bench_";
process.env.HUB_DATA_DIR = dataDir;
process.env.NODE_ENV = "production";

let hub: ChildProcess | null = null;
const clients: BenchClient[] = [];

interface RouteResult {
  name: string;
  path: string;
  as: string;
  status: number;
  n: number;
  p50: number;
  p95: number;
}
interface SizeResult {
  size: number;
  practices: number;
  at: string;
  load: string;
  seed: { seconds: number; practices: number; threads: number; replies: number; searchableAfter: number } | null;
  floor: RouteResult;
  routes: RouteResult[];
  writes: WriteProbe;
}

try {
  await connectBatchDb(services.mongoUri);
  await seedDemo(() => {}, true);
  log("building the hub …");
  buildHub(buildDir);
  hub = await startHub(port, buildDir, { logFile: path.join(dataDir, "hub.log") });

  const anon = new BenchClient(base);
  const member = await new BenchClient(base).login("member@example.org", DEMO_PASSWORD);
  const moderator = await new BenchClient(base).login("moderator@example.org", DEMO_PASSWORD);
  const admin = await new BenchClient(base).login("admin@example.org", DEMO_PASSWORD);
  const api = new BenchClient(base, { "accept-encoding": "gzip, deflate, br", accept: "application/json" });
  const searchClient = new BenchClient(base);
  clients.push(anon, member, moderator, admin, api, searchClient);
  const byName = { anonymous: anon, member, moderator, admin, api } as const;

  // Fixed targets from the demo content (read once; these lookups are not what is measured).
  const demoPractices = JSON.parse(readFileSync(path.join(ROOT, "scripts/seed/data/practices.json"), "utf8")) as { slug: string }[];
  const demoThreads = (JSON.parse(readFileSync(path.join(ROOT, "scripts/seed/data/threads.json"), "utf8")) as { threads: { title: string }[]; spaces: { slug: string }[] });
  const oldSlug = demoPractices[0].slug;
  const demoThread = await Thread.findOne({ title: demoThreads.threads[0].title }).select("_id").lean();
  const lastDemoThread = await Thread.findOne({ title: demoThreads.threads.at(-1)!.title }).select("_id").lean();
  const demoPost = await Post.findOne({ threadId: demoThread!._id }).select("_id").lean();
  const memberUser = await User.findOne({ email: "member@example.org" }).select("_id").lean();
  const submitted = await Practice.findOne({ slug: "migrant-inclusive-heat-action-plan-city-india" }).select("_id").lean();
  const ownDraft = await Practice.findOne({ slug: "climate-resilient-labour-mobility-pilot-kiribati-tuvalu" }).select("_id").lean();
  let newestSlug = demoPractices.at(-1)!.slug;
  let newestThread = String(lastDemoThread!._id);
  let synthetic = keep ? await Practice.countDocuments({ slug: /^synthetic-/ }) : 0;
  let published = await Practice.countDocuments({ status: "published" });

  type Route = { name: string; path: string; as: keyof typeof byName; status: number; headers?: Record<string, string> };
  /** Every route visitors without a session open also once more as rendered afresh: the page
   *  cache (decision 057) answers them, and a hard reload (`Cache-Control: no-cache`) skips it. */
  const routes = (): Route[] => routesOnce().flatMap((r) => (r.as === "anonymous" || r.as === "api" ? [r, { ...r, name: `${r.name}${RENDERED}`, headers: { "cache-control": "no-cache" } }] : [r]));
  const routesOnce = (): Route[] => [
    { name: "home", path: "/", as: "anonymous", status: 200 },
    { name: "practices list", path: "/practices", as: "anonymous", status: 200 },
    { name: "practices list, page 3", path: "/practices?page=3", as: "anonymous", status: 200 },
    { name: "practices list, objective 5 + Africa", path: "/practices?objective=5&region=Africa", as: "anonymous", status: 200 },
    { name: "practice page (demo, oldest)", path: `/practices/${oldSlug}`, as: "anonymous", status: 200 },
    { name: "practice page (near the newest)", path: `/practices/${newestSlug}`, as: "anonymous", status: 200 },
    { name: "practice history", path: `/practices/${oldSlug}/history`, as: "anonymous", status: 200 },
    { name: "practice 404 (unknown slug)", path: "/practices/no-such-practice-bench", as: "anonymous", status: 404 },
    { name: "search page ?q=migration health", path: "/search?q=migration+health", as: "anonymous", status: 200 },
    { name: "search page, filtered", path: "/search?q=remesas&region=Americas&objective=6", as: "anonymous", status: 200 },
    { name: "API search ?q=migration health", path: "/api/v1/search?q=migration+health", as: "api", status: 200 },
    { name: "API search, filtered + newest", path: "/api/v1/search?q=transferts&lang=fr&sort=newest", as: "api", status: 200 },
    { name: "API practices list", path: "/api/v1/practices", as: "api", status: 200 },
    { name: "API practices, objective 5", path: "/api/v1/practices?objective=5&perPage=50", as: "api", status: 200 },
    { name: "API practice (demo)", path: `/api/v1/practices/${oldSlug}`, as: "api", status: 200 },
    { name: "API practice 404", path: "/api/v1/practices/no-such-practice-bench", as: "api", status: 404 },
    { name: "spaces", path: "/spaces", as: "anonymous", status: 200 },
    { name: "a space", path: `/spaces/${demoThreads.spaces[0].slug}`, as: "anonymous", status: 200 },
    { name: "threads list", path: "/threads", as: "anonymous", status: 200 },
    { name: "thread page (demo)", path: `/threads/${demoThread!._id}`, as: "anonymous", status: 200 },
    { name: "thread page (near the newest)", path: `/threads/${newestThread}`, as: "anonymous", status: 200 },
    { name: "thread 404 (unknown id)", path: "/threads/0123456789abcdef01234567", as: "anonymous", status: 404 },
    { name: "reply permalink (redirect)", path: `/posts/${demoPost!._id}`, as: "anonymous", status: 302 },
    { name: "regions", path: "/regions", as: "anonymous", status: 200 },
    { name: "a region (Africa)", path: "/regions/africa", as: "anonymous", status: 200 },
    { name: "objectives", path: "/objectives", as: "anonymous", status: 200 },
    { name: "an objective (5)", path: "/objectives/5", as: "anonymous", status: 200 },
    { name: "a user's profile", path: `/users/${memberUser!._id}`, as: "anonymous", status: 200 },
    { name: "log-in page", path: "/login", as: "anonymous", status: 200 },
    { name: "unknown path 404", path: "/no-such-page-bench", as: "anonymous", status: 404 },
    { name: "healthz", path: "/healthz", as: "api", status: 200 },
    { name: "member: my practices", path: "/me/practices", as: "member", status: 200 },
    { name: "member: profile", path: "/me", as: "member", status: 200 },
    { name: "member: notifications", path: "/notifications", as: "member", status: 200 },
    { name: "member: new practice form", path: "/practices/new", as: "member", status: 200 },
    { name: "member: edit own draft", path: `/practices/${ownDraft!._id}/edit`, as: "member", status: 200 },
    { name: "member: home (signed in)", path: "/", as: "member", status: 200 },
    { name: "moderator: review queue", path: "/moderation", as: "moderator", status: 200 },
    { name: "moderator: review a submission", path: `/moderation/practices/${submitted!._id}`, as: "moderator", status: 200 },
    { name: "moderator: reports queue", path: "/moderation/reports", as: "moderator", status: 200 },
    { name: "admin: users", path: "/admin/users", as: "admin", status: 200 },
  ];

  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { baseline?: SizeResult }) : {};
  let baseline: SizeResult | null = previous.baseline ?? null;
  const results: SizeResult[] = [];

  // Caught up: nothing pending, and every published practice in the index.
  const index = meili().index(indexName("practices"));
  const waitCaughtUp = () => waitForIndex(base, () => index.getStats().then((st) => st.numberOfDocuments >= published, () => false));
  log(`demo content: waiting for the index … ${(await waitCaughtUp()).toFixed(1)} s`);

  for (const size of sizes) {
    let seed: SizeResult["seed"] = null;
    if (size > synthetic) {
      log(`seeding ${size - synthetic} synthetic practices (to ${size}) …`);
      const r = await seedSynthetic(size - synthetic, { onProgress: (d) => d % 2000 === 0 && log(`  ${d}`) });
      synthetic += r.practices;
      published += r.published;
      if (r.newestPublishedSlug) newestSlug = r.newestPublishedSlug;
      if (r.newestThreadId) newestThread = r.newestThreadId;
      log(`  ${r.practices} practices, ${r.threads} threads, ${r.replies} replies in ${r.seconds.toFixed(1)} s; waiting for the index …`);
      const after = await waitCaughtUp();
      seed = { seconds: r.seconds, practices: r.practices, threads: r.threads, replies: r.replies, searchableAfter: after };
      log(`  searchable ${after.toFixed(1)} s after the seed ended`);
    } else if (size < synthetic) {
      log(`(the data dir already holds ${synthetic} synthetic practices; measuring with those)`);
    }

    // --- pages and API routes
    const list = routes();
    const floorPath = "/favicon.svg";
    const samples = new Map<string, number[]>(list.map((r) => [r.name, []]));
    const statuses = new Map<string, number>();
    const spent = new Map<string, number>(list.map((r) => [r.name, 0]));
    const floor: number[] = [];
    log(`measuring ${list.length} routes: ${WARMUP} warm-up + up to ${REPEAT} rounds (budget ${BUDGET_MS / 1000} s per route) …`);
    for (const r of list) for (let i = 0; i < WARMUP; i++) {
      const res = await byName[r.as].get(r.path, r.headers);
      statuses.set(r.name, res.status);
      if (res.ms > 5000) break; // one warm-up is enough for a page that slow
    }
    for (let i = 0; i < WARMUP * 10; i++) await anon.get(floorPath);
    for (let round = 0; round < REPEAT; round++) {
      for (const r of list) {
        const xs = samples.get(r.name)!;
        if (xs.length >= 3 && spent.get(r.name)! > BUDGET_MS) continue;
        // The floor, on the same connection just before: what this server answers at best now.
        floor.push((await byName[r.as].get(floorPath)).ms);
        const res = await byName[r.as].get(r.path, r.headers);
        xs.push(res.ms);
        spent.set(r.name, spent.get(r.name)! + res.ms);
        if (res.status !== r.status) statuses.set(r.name, res.status);
      }
      if (round === 0 || (round + 1) % 10 === 0) log(`  round ${round + 1}/${REPEAT}`);
    }
    const floorResult: RouteResult = { name: "static file (floor)", path: floorPath, as: "anonymous", status: 200, n: floor.length, p50: pct(floor, 50), p95: pct(floor, 95) };
    const routeResults: RouteResult[] = list.map((r) => {
      const xs = samples.get(r.name)!;
      return { name: r.name, path: r.path, as: r.as, status: statuses.get(r.name) ?? 0, n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95) };
    });
    const load = loadLine();

    // --- the write path
    log(`write path: ${PROBES} probes (member creates, saves, submits; moderator publishes; search API polled) …`);
    const writes = await probeWrites(member, moderator, PROBES, searchableThroughApi(searchClient), { log, budgetMs: 5 * 60_000 });
    published += writes.publish.length;

    const result: SizeResult = { size, practices: published, at: new Date().toISOString(), load, seed, floor: floorResult, routes: routeResults, writes };
    if (size === 0) baseline = result;
    results.push(result);
    printSize(result, baseline, list);
    writeFileSync(resultsFile, JSON.stringify({ baseline, results }, null, 2));
  }

  console.log("\n==================== summary ====================");
  for (const r of results) printSize(r, baseline, routes());
  console.log(
    `\nmachine: ${machineLine([services.mongoKind, services.meiliKind])}; hub as shipped (sync interval ${process.env.HUB_SYNC_INTERVAL_MS ?? "1000"} ms, sweep ≥ ${process.env.HUB_SWEEP_INTERVAL_MS ?? "60000"} ms); ${REPEAT} rounds max, ${WARMUP} warm-up, budget ${BUDGET_MS / 1000} s per route; one keep-alive connection per client, sequential.`,
  );
} finally {
  for (const c of clients) c.close();
  await stopHub(hub);
  await disconnectDb().catch(() => {});
  await services.stop();
}
process.exit(0);

function sampleRow(name: string, xs: number[]) {
  return [name, fmtMs(pct(xs, 50)), fmtMs(pct(xs, 95)), String(xs.length)];
}

function printSize(r: SizeResult, baseline: SizeResult | null, list: { name: string; as: string; status: number }[]) {
  console.log(`\n### ${r.size.toLocaleString("en")} synthetic practices (${r.practices.toLocaleString("en")} published in all) — ${r.at.slice(0, 16).replace("T", " ")} UTC`);
  if (r.seed)
    console.log(
      `seed: ${r.seed.practices.toLocaleString("en")} practices, ${r.seed.threads.toLocaleString("en")} threads, ${r.seed.replies.toLocaleString("en")} replies in ${r.seed.seconds.toFixed(1)} s; all searchable ${r.seed.searchableAfter.toFixed(1)} s later (search outbox)`,
    );
  console.log("");
  const f = r.floor.p50;
  const base = new Map((baseline?.routes ?? []).map((x) => [x.name, x.p50]));
  const expected = new Map(list.map((x) => [x.name, x.status]));
  const rows = [
    [r.floor.name, fmtMs(r.floor.p50), fmtMs(r.floor.p95), "1.0×", baseline ? fmtRatio(r.floor.p50 / baseline.floor.p50) : "—", String(r.floor.n)],
    ...r.routes.map((x) => {
      const bad = x.status !== expected.get(x.name) ? ` (answered ${x.status}!)` : "";
      return [`${x.name}${bad}`, fmtMs(x.p50), fmtMs(x.p95), fmtRatio(x.p50 / f), base.has(x.name) ? fmtRatio(x.p50 / base.get(x.name)!) : "—", String(x.n)];
    }),
  ];
  printTable(["route", "p50 ms", "p95 ms", "p50/floor", "p50 / p50 at demo size", "n"], rows);
  const w = r.writes;
  console.log("");
  printTable(
    ["write (real requests)", "p50 ms", "p95 ms", "n"],
    [
      sampleRow("member: create a draft", w.create),
      sampleRow("member: save the draft", w.save),
      sampleRow("member: submit", w.submit),
      sampleRow("moderator: publish", w.publish),
      sampleRow(`publish → in /api/v1/search${w.late ? ` (${w.late} not within 30 s)` : ""}`, w.lag),
    ],
  );
  const served = r.routes.filter((x) => !x.name.endsWith(RENDERED));
  const over15 = served.filter((x) => x.p50 / f > 15).map((x) => x.name);
  const renderedOver15 = r.routes.filter((x) => x.name.endsWith(RENDERED) && x.p50 / f > 15).map((x) => x.name.slice(0, -RENDERED.length));
  const over2 = r.routes.filter((x) => base.has(x.name) && x.p50 / base.get(x.name)! > 2).map((x) => x.name);
  console.log(`\n${r.load}; floor p50 ${fmtMs(f)} ms`);
  console.log(`over 15× the floor (${served.length - over15.length} of ${served.length} within): ${over15.length ? over15.join(", ") : "none"}`);
  console.log(`rendered afresh, over 15× the floor: ${renderedOver15.length ? renderedOver15.join(", ") : "none"}`);
  if (r.size > 0 && baseline) console.log(`over 2× their p50 at demo size: ${over2.length ? over2.join(", ") : "none"}`);
}
