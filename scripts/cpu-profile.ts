// CPU per request of the production server (issue 11): starts the services (or reuses them),
// serves the current build with `node --cpu-prof`, sends each request type N times, one at a
// time, over one keep-alive connection, and prints per request type the server process's CPU
// (from /proc, all threads, minus what it burns while idle) and the profile's self time by
// function and by package.
//
//   node_modules/.bin/tsx scripts/cpu-profile.ts [--requests 200] [--warmup 40] [--top 15] [--build]
//
// Defaults to its own ports and data dir (PORT 3350, MONGO_PORT 27350, MEILI_PORT 7950,
// HUB_DATA_DIR .data-cpu); the app must be built (`--build` runs `remix build` first).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { applyServiceEnv } from "./lib/env.ts";
import { summarise, table, type CpuProfile } from "./lib/cpuprofile.ts";
import { defaultServiceOptions, ROOT, startServices } from "./lib/services.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const REQUESTS = opt("requests", 200);
const WARMUP = opt("warmup", 40);
const TOP = opt("top", 15);
const str = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const label = str("label", "run");
/** What the client accepts; a browser's header by default (compression then picks br). */
const ENCODING = str("encoding", "gzip, deflate, br, zstd");
/** Functions that should never run while serving: module loading, file reads. */
const WATCH = ["compileSourceTextModule", "readFileUtf8", "readFileSync", "internalModuleStat", "stat", "lstat", "open", "readFile", "compileFunction", "wrapSafe", "importModuleDynamically"];

process.env.PORT ??= "3350";
process.env.MONGO_PORT ??= "27350";
process.env.MEILI_PORT ??= "7950";
process.env.HUB_DATA_DIR ??= path.join(ROOT, ".data-cpu");
process.env.NODE_ENV = "production";
const port = Number(process.env.PORT);

if (args.includes("--build")) {
  const b = spawnSync("node_modules/.bin/remix", ["build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (b.status !== 0) process.exit(1);
}

const opts = defaultServiceOptions();
const services = await startServices({ ...opts, log: () => {} });
applyServiceEnv(services, opts.dataDir);
{
  const { connectDb } = await import("../models/db.server.ts");
  const { Practice } = await import("../models/practice.server.ts");
  const mongoose = (await import("mongoose")).default;
  await connectDb(services.mongoUri);
  if ((await Practice.estimatedDocumentCount()) === 0) {
    console.log("empty database: seeding demo content …");
    const { seedDemo } = await import("./seed/seed.ts");
    await seedDemo(() => {}, true);
  }
  const { warmIndexIfCold } = await import("../search/sync.server.ts");
  await warmIndexIfCold();
  await mongoose.disconnect();
}

const profDir = path.join(opts.dataDir, "profiles", label);
rmSync(profDir, { recursive: true, force: true });
mkdirSync(profDir, { recursive: true });

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || "100");
/** CPU time of a process (all its threads), in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}
/** The profile's clock: V8 and libuv both read CLOCK_MONOTONIC; the profile counts µs. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const cookies = new Map<string, string>();
const headers = (encoding: string) => ({
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  accept: "text/html,application/json;q=0.9,*/*;q=0.8",
  "accept-encoding": encoding,
  "accept-language": "en-GB,en;q=0.9",
  cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
});
function get(p: string, encoding = ENCODING): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: p, agent, headers: headers(encoding) }, (res) => {
      for (const c of res.headers["set-cookie"] ?? []) {
        const [kv] = c.split(";");
        const i = kv.indexOf("=");
        cookies.set(kv.slice(0, i), kv.slice(i + 1));
      }
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: buf.length, body: res.headers["content-encoding"] ? "" : buf.toString("utf8") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

type Window = { name: string; path: string; from: number; to: number; cpu: number; wallP50: number; bytes: number; status: number };
type Pass = { cold: { from: number; to: number }; idle: { from: number; to: number; perMs: number }; windows: Window[]; profile?: CpuProfile };

/** One server run: cold first requests, warm-up, an idle spell, then each request type in turn. */
async function pass(profiled: boolean): Promise<Pass> {
  const dir = path.join(profDir, profiled ? "profiled" : "plain");
  mkdirSync(dir, { recursive: true });
  const flags = profiled ? ["--cpu-prof", "--cpu-prof-dir", dir] : [];
  const server = spawn(process.execPath, [...flags, "--import", "tsx", "scripts/serve.ts"], { cwd: ROOT, env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  const pid = server.pid!;
  cookies.clear();
  try {
    const t0 = Date.now();
    for (;;) {
      try {
        if ((await get("/healthz")).status === 200) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() - t0 > 60_000) throw new Error("the server did not answer /healthz within 60 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    const list = JSON.parse((await get("/api/v1/practices?perPage=1", "identity")).body) as { hits: { slug: string }[] };
    const slug = list.hits[0]?.slug;
    if (!slug) throw new Error("no published practice to request");
    const targets: [string, string][] = [
      ["home", "/"],
      ["practices", "/practices"],
      ["practice page", `/practices/${slug}`],
      ["search page", "/search?q=health"],
      ["search API", "/api/v1/search?q=health"],
    ];
    const cold = { from: nowUs(), to: 0 };
    for (const [, p] of targets) await get(p);
    cold.to = nowUs();
    for (const [, p] of targets) for (let i = 0; i < WARMUP; i++) await get(p);

    // What the process burns with no request (sync worker polls, timers), subtracted below.
    const idleFrom = nowUs();
    const idleCpu0 = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 5000));
    const idleTo = nowUs();
    const perMs = (cpuMs(pid) - idleCpu0) / ((idleTo - idleFrom) / 1000);

    const windows: Window[] = [];
    for (const [name, p] of targets) {
      const walls: number[] = [];
      let bytes = 0;
      let status = 0;
      const from = nowUs();
      const c0 = cpuMs(pid);
      for (let i = 0; i < REQUESTS; i++) {
        const s = performance.now();
        const r = await get(p);
        walls.push(performance.now() - s);
        bytes = r.bytes;
        status = r.status;
      }
      const to = nowUs();
      const cpu = cpuMs(pid) - c0 - perMs * ((to - from) / 1000);
      walls.sort((a, b) => a - b);
      windows.push({ name, path: p.replace(slug, "…"), from, to, cpu: cpu / REQUESTS, wallP50: walls[Math.floor(walls.length / 2)], bytes, status });
    }
    server.kill("SIGINT");
    await new Promise((r) => server.once("exit", r));
    let profile: CpuProfile | undefined;
    if (profiled) {
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) throw new Error("no .cpuprofile written");
      profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    }
    return { cold, idle: { from: idleFrom, to: idleTo, perMs }, windows, profile };
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
  }
}

try {
  // CPU from /proc without the profiler (its sampling costs CPU too); self times from a second,
  // profiled run.
  const plain = await pass(false);
  const prof = await pass(true);
  const profile = prof.profile!;

  const lines: string[] = [];
  lines.push(`CPU per request (${label}): ${REQUESTS} requests per type after ${WARMUP} warm-up, one keep-alive connection, Accept-Encoding: ${ENCODING}`);
  lines.push(`idle server: ${(plain.idle.perMs * 1000).toFixed(1)} ms CPU per second (subtracted)\n`);
  lines.push("| request | status | bytes on the wire | wall p50 ms | CPU ms/request (process, unprofiled) | profiled JS busy ms/request |");
  lines.push("|---|---:|---:|---:|---:|---:|");
  const summaries = prof.windows.map((r) => ({ r, s: summarise(profile, ROOT, { from: r.from, to: r.to, top: TOP, watch: WATCH }) }));
  summaries.forEach(({ r, s }, i) => {
    const p = plain.windows[i];
    lines.push(`| ${r.name} \`${r.path}\` | ${p.status} | ${p.bytes} | ${p.wallP50.toFixed(1)} | ${p.cpu.toFixed(1)} | ${(s.busyMs / REQUESTS).toFixed(1)} |`);
  });
  const cold = summarise(profile, ROOT, { ...prof.cold, top: TOP, watch: WATCH });
  lines.push(`\n### first request of each type on a fresh server (${cold.busyMs.toFixed(0)} ms busy)\n`);
  lines.push(table("module loading / file access (inclusive)", cold.watched));
  for (const { r, s } of summaries) {
    lines.push(`\n### ${r.name}\n`);
    lines.push(table("package (self time)", s.selfByPackage.slice(0, 12), REQUESTS));
    lines.push("");
    lines.push(table("function (self time)", s.selfByFunction, REQUESTS));
    if (s.watched.length) {
      lines.push("");
      lines.push(table("module loading / file access (inclusive)", s.watched, REQUESTS));
    }
  }
  const idle = summarise(profile, ROOT, { ...prof.idle, top: TOP });
  lines.push(`\n### idle server (${((prof.idle.to - prof.idle.from) / 1e6).toFixed(1)} s, no requests)\n`);
  lines.push(table("function (inclusive)", idle.inclusiveByFunction));
  const all = summarise(profile, ROOT, { from: prof.windows[0].from, to: prof.windows[prof.windows.length - 1].to, top: 40 });
  lines.push(`\n### all request types together: inclusive time\n`);
  lines.push(table("function (inclusive)", all.inclusiveByFunction, REQUESTS * prof.windows.length));
  const out = lines.join("\n");
  console.log(out);
  writeFileSync(path.join(profDir, "summary.md"), out + "\n");
  writeFileSync(path.join(profDir, "results.json"), JSON.stringify(plain.windows.map(({ from, to, ...r }) => r), null, 2));
  console.log(`\nprofile and summary: ${profDir}`);
} finally {
  agent.destroy();
  await services.stop();
}
process.exit(0);
