// CPU per request of the production server (issue 11, decision 016). Starts the services (or
// reuses them), serves the current build, sends each request type N times, one at a time, over
// one keep-alive connection, and prints per request type the server process's CPU (from /proc:
// all its threads, minus what it burns while idle), then, from a second run under
// `node --cpu-prof`, self time by package and by function.
//
//   node_modules/.bin/tsx scripts/cpu-profile.ts [--requests 200] [--warmup 40] [--top 15] [--build] [--cached]
//   node_modules/.bin/tsx scripts/cpu-profile.ts --compare /path/to/other/checkout [--rounds 3]
//   node_modules/.bin/tsx scripts/cpu-profile.ts --as member|moderator|admin [--only "edit own"]
//   node_modules/.bin/tsx scripts/cpu-profile.ts --paths /threads,/regions/africa --only /
//
// --as logs in as that demo account and profiles its own pages instead of the visitors' ones
// (members' pages are never kept, so every request renders).
//
// --compare serves another built checkout (e.g. the commit before a change, with node_modules)
// and this one side by side, unprofiled, on two ports, and alternates every request between
// them, so that load from elsewhere on a shared machine hits both alike; `--rounds` repeats the
// whole run with fresh servers and the table shows the medians.
//
// Defaults to its own ports and data dir (PORT 3350 (and 3351), MONGO_PORT 27350,
// MEILI_PORT 7950, HUB_DATA_DIR .data-cpu); the app must be built (`--build` runs `remix build`).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { withHubAllocator } from "./lib/allocator.mjs";
import { BenchClient } from "./lib/bench.ts";
import { applyServiceEnv } from "./lib/env.ts";
import { summarise, table, type CpuProfile } from "./lib/cpuprofile.ts";
import { defaultServiceOptions, ROOT, startServices } from "./lib/services.ts";

const args = process.argv.slice(2);
const str = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const num = (name: string, fallback: number) => Number(str(name, String(fallback)));
const REQUESTS = num("requests", 200);
const WARMUP = num("warmup", 40);
const TOP = num("top", 15);
const label = str("label", "run");
/** What the client accepts; a browser's header by default (compression then picks br). */
const ENCODING = str("encoding", "gzip, deflate, br, zstd");
/** `--cached`: let visitors' pages come from the page cache (by default every request renders). */
const CACHED = args.includes("--cached");
/** `--as member|moderator|admin`: the demo account whose pages are profiled. */
const AS = str("as", "");
/** `--only <text>`: just the request types whose name contains it (a profile of one page). */
const ONLY = str("only", "");
/** `--paths /threads,/regions/africa`: these paths too (named by themselves; `--only /` for just them). */
const PATHS = str("paths", "").split(",").filter(Boolean);
if (AS && !["member", "moderator", "admin"].includes(AS)) throw new Error(`--as ${AS}: member, moderator or admin`);
/** Functions that should never run while serving: module loading, file reads. */
const WATCH = ["compileSourceTextModule", "readFileUtf8", "readFileSync", "internalModuleStat", "stat", "lstat", "open", "readFile", "compileFunction", "wrapSafe", "importModuleDynamically"];

process.env.PORT ??= "3350";
process.env.MONGO_PORT ??= "27350";
process.env.MEILI_PORT ??= "7950";
process.env.HUB_DATA_DIR ??= path.join(ROOT, ".data-cpu");
process.env.NODE_ENV = "production";
const basePort = Number(process.env.PORT);

if (args.includes("--build")) {
  const b = spawnSync("node_modules/.bin/remix", ["build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (b.status !== 0) process.exit(1);
}

/** Members' pages by role, found in the database once (`--as`). */
const memberTargets: Record<string, [string, string][]> = {};
const opts = defaultServiceOptions();
const services = await startServices({ ...opts, log: () => {} });
applyServiceEnv(services, opts.dataDir);
{
  const { connectBatchDb } = await import("../models/db.server.ts");
  const { Practice } = await import("../models/practice.server.ts");
  await connectBatchDb(services.mongoUri);
  if ((await Practice.estimatedDocumentCount()) === 0) {
    console.log("empty database: seeding demo content …");
    const { seedDemo } = await import("./seed/seed.ts");
    await seedDemo(() => {}, true);
  }
  const { disconnectDb } = await import("../models/db.server.ts");
  const { warmIndexIfCold } = await import("../search/sync.server.ts");
  await warmIndexIfCold();
  if (AS) {
    const { User } = await import("../models/user.server.ts");
    const member = await User.findOne({ email: "member@example.org" }).select("_id").lean();
    const draft = await Practice.findOne({ status: "draft", ownerId: member?._id }).select("_id").lean();
    const submitted = await Practice.findOne({ status: "submitted" }).select("_id").lean();
    memberTargets.member = [
      ["my practices", "/me/practices"],
      ["profile", "/me"],
      ["notifications", "/notifications"],
      ["new practice form", "/practices/new"],
      ...(draft ? [["edit own draft", `/practices/${draft._id}/edit`] as [string, string]] : []),
      ["home (signed in)", "/"],
      // The smallest member's page: what the layout, session and rendering cost on their own.
      ["password form", "/me/password"],
    ];
    memberTargets.moderator = [["review queue", "/moderation"], ...(submitted ? [["review a submission", `/moderation/practices/${submitted._id}`] as [string, string]] : []), ["reports queue", "/moderation/reports"]];
    memberTargets.admin = [["users", "/admin/users"]];
  }
  await disconnectDb();
}

const profDir = path.join(opts.dataDir, "profiles", label);
rmSync(profDir, { recursive: true, force: true });
mkdirSync(profDir, { recursive: true });

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || "100");
/** The profile's clock: V8 and libuv both read CLOCK_MONOTONIC; the profile counts µs. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A served checkout: its process, port, cookie jar and keep-alive connection. */
class Server {
  child: ChildProcess;
  cookies = new Map<string, string>();
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  profileDir?: string;

  constructor(
    readonly root: string,
    readonly port: number,
    profiled: boolean,
  ) {
    if (profiled) {
      this.profileDir = path.join(profDir, "profiled");
      mkdirSync(this.profileDir, { recursive: true });
    }
    const flags = this.profileDir ? ["--cpu-prof", "--cpu-prof-dir", this.profileDir] : [];
    const tsx = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
    this.child = spawn(process.execPath, [...flags, "--import", tsx, "scripts/serve.ts"], {
      cwd: root,
      env: withHubAllocator({ ...process.env, PORT: String(port) }),
      stdio: ["ignore", "ignore", "inherit"],
    });
  }

  /** CPU time of the process (all its threads), in ms. */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.child.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  }

  get(p: string, encoding = ENCODING): Promise<{ status: number; bytes: number; body: string }> {
    const headers = {
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
      accept: "text/html,application/json;q=0.9,*/*;q=0.8",
      "accept-encoding": encoding,
      "accept-language": "en-GB,en;q=0.9",
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      // Render every request: kept pages (decision 057) would measure the page cache.
      ...(CACHED ? {} : { "cache-control": "no-cache" }),
    };
    return new Promise((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port: this.port, path: p, agent: this.agent, headers }, (res) => {
        for (const c of res.headers["set-cookie"] ?? []) {
          const [kv] = c.split(";");
          const i = kv.indexOf("=");
          this.cookies.set(kv.slice(0, i), kv.slice(i + 1));
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

  /** Logs in as a demo account (bench's client: a form post with the CSRF cookie, same origin)
   *  and keeps its cookies. */
  async login(email: string, password: string) {
    const client = await new BenchClient(`http://127.0.0.1:${this.port}`).login(email, password);
    for (const [k, v] of client.cookies) this.cookies.set(k, v);
    client.close();
  }

  /** Database commands this process has sent so far, by command (from its /metrics). */
  async dbCommands(): Promise<Map<string, number>> {
    const text = (await this.get("/metrics", "identity")).body;
    const counts = new Map<string, number>();
    for (const m of text.matchAll(/^hub_mongo_command_duration_seconds_count\{([^}]*)\} (\d+)/gm)) {
      const command = /command="([^"]+)"/.exec(m[1])?.[1] ?? "?";
      counts.set(command, (counts.get(command) ?? 0) + Number(m[2]));
    }
    return counts;
  }

  async ready() {
    const t0 = Date.now();
    for (;;) {
      try {
        if ((await this.get("/healthz")).status === 200) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() - t0 > 60_000) throw new Error(`${this.root}: no answer on /healthz within 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<CpuProfile | undefined> {
    this.agent.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGINT");
      await new Promise((r) => this.child.once("exit", r));
    }
    if (!this.profileDir) return undefined;
    // The main thread's profile (thread 0); tsx's module loader thread writes another.
    const file = readdirSync(this.profileDir).find((f) => /\.0\.\d+\.cpuprofile$/.test(f));
    if (!file) throw new Error("no .cpuprofile written");
    return JSON.parse(readFileSync(path.join(this.profileDir, file), "utf8")) as CpuProfile;
  }
}

type Measure = { name: string; path: string; from: number; to: number; cpu: number; wallP50: number; bytes: number; status: number; db: string };
type Run = { cold: { from: number; to: number }; idle: { from: number; to: number }; measures: Measure[][] };

/**
 * One run over already started servers: the first request of each type (cold), warm-up, five
 * idle seconds (what each process burns with no request, subtracted), then each request type
 * REQUESTS times, alternating between the servers request by request.
 */
async function run(servers: Server[]): Promise<Run> {
  await Promise.all(servers.map((s) => s.ready()));
  const list = JSON.parse((await servers[0].get("/api/v1/practices?perPage=1", "identity")).body) as { hits: { slug: string }[] };
  const slug = list.hits[0]?.slug;
  if (!slug) throw new Error("no published practice to request");
  if (AS) {
    const { DEMO_PASSWORD } = await import("./seed/seed.ts");
    for (const s of servers) await s.login(`${AS}@example.org`, DEMO_PASSWORD);
  }
  const targets = (AS ? memberTargets[AS] : ([
    ["home", "/"],
    ["practices", "/practices"],
    ["practice page", `/practices/${slug}`],
    ["search page", "/search?q=health"],
    ["search API", "/api/v1/search?q=health"],
    ["search API, two words", "/api/v1/search?q=migration+health"],
    ["search page, two words", "/search?q=migration+health"],
  ] as [string, string][]))
    .concat(PATHS.map((p) => [p, p] as [string, string]))
    .filter(([name]) => !ONLY || name.includes(ONLY));
  const cold = { from: nowUs(), to: 0 };
  for (const [, p] of targets) for (const s of servers) await s.get(p);
  cold.to = nowUs();
  for (const [, p] of targets) for (let i = 0; i < WARMUP; i++) for (const s of servers) await s.get(p);

  const idle = { from: nowUs(), to: 0 };
  const idle0 = servers.map((s) => s.cpuMs());
  await new Promise((r) => setTimeout(r, 5000));
  idle.to = nowUs();
  const idlePerMs = servers.map((s, i) => (s.cpuMs() - idle0[i]) / ((idle.to - idle.from) / 1000));

  const measures: Measure[][] = servers.map(() => []);
  for (const [name, p] of targets) {
    const walls = servers.map(() => [] as number[]);
    const last = servers.map(() => ({ status: 0, bytes: 0 }));
    const db0 = await Promise.all(servers.map((s) => s.dbCommands()));
    const from = nowUs();
    const c0 = servers.map((s) => s.cpuMs());
    for (let i = 0; i < REQUESTS; i++) {
      // Alternate who goes first, so neither always follows the other.
      const order = i % 2 === 0 ? servers.map((_, k) => k) : servers.map((_, k) => servers.length - 1 - k);
      for (const k of order) {
        const t = performance.now();
        const r = await servers[k].get(p);
        walls[k].push(performance.now() - t);
        last[k] = r;
      }
    }
    const to = nowUs();
    const cpus = servers.map((s, k) => s.cpuMs() - c0[k] - idlePerMs[k] * ((to - from) / 1000));
    const db1 = await Promise.all(servers.map((s) => s.dbCommands()));
    servers.forEach((s, k) => {
      // Commands per request, by command (the heartbeat's few pings over the run included).
      const db = [...db1[k]]
        .map(([c, n]) => [c, (n - (db0[k].get(c) ?? 0)) / REQUESTS] as const)
        .filter(([, n]) => n >= 0.05)
        .map(([c, n]) => `${n.toFixed(1)} ${c}`)
        .join(", ");
      measures[k].push({ name, path: p.replace(slug, "…"), from, to, cpu: cpus[k] / REQUESTS, wallP50: median(walls[k]), bytes: last[k].bytes, status: last[k].status, db });
    });
  }
  return { cold, idle, measures };
}

const compare = str("compare", "");
try {
  if (compare) {
    const other = path.resolve(compare);
    const rounds = num("rounds", 3);
    const all: Measure[][][] = [[], []];
    for (let r = 0; r < rounds; r++) {
      console.error(`round ${r + 1}/${rounds}`);
      const servers = [new Server(other, basePort, false), new Server(ROOT, basePort + 1, false)];
      try {
        const { measures } = await run(servers);
        measures.forEach((m, k) => all[k].push(m));
      } finally {
        for (const s of servers) await s.stop();
      }
    }
    const lines = [
      `CPU ms per request: A and B served side by side, every request alternating between them; ${REQUESTS} requests per type after ${WARMUP} warm-up; median of ${rounds} rounds (each round's figure in brackets). Accept-Encoding: ${ENCODING}`,
      `A = ${other}`,
      `B = ${ROOT}\n`,
      "| request | A CPU ms | B CPU ms | change | A bytes | B bytes | A wall p50 ms | B wall p50 ms |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
    ];
    all[1][0].forEach((w, i) => {
      const a = all[0].map((ms) => ms[i]);
      const b = all[1].map((ms) => ms[i]);
      const ma = median(a.map((x) => x.cpu));
      const mb = median(b.map((x) => x.cpu));
      const each = (xs: Measure[]) => xs.map((x) => x.cpu.toFixed(1)).join(", ");
      lines.push(
        `| ${w.name} | **${ma.toFixed(1)}** (${each(a)}) | **${mb.toFixed(1)}** (${each(b)}) | ${(((mb - ma) / ma) * 100).toFixed(0)} % | ${a[0].bytes} | ${b[0].bytes} | ${median(a.map((x) => x.wallP50)).toFixed(1)} | ${median(b.map((x) => x.wallP50)).toFixed(1)} |`,
      );
    });
    const out = lines.join("\n");
    console.log(out);
    writeFileSync(path.join(profDir, "compare.md"), out + "\n");
  } else {
    // CPU from /proc without the profiler (its sampling costs CPU too), then self times from a
    // second, profiled run.
    const plainServer = new Server(ROOT, basePort, false);
    let plain: Run;
    try {
      plain = await run([plainServer]);
    } finally {
      await plainServer.stop();
    }
    const profServer = new Server(ROOT, basePort, true);
    let prof: Run;
    let profile: CpuProfile;
    try {
      prof = await run([profServer]);
    } finally {
      profile = (await profServer.stop())!;
    }
    const lines: string[] = [];
    lines.push(`CPU per request (${label}): ${REQUESTS} requests per type after ${WARMUP} warm-up, one keep-alive connection, Accept-Encoding: ${ENCODING}\n`);
    lines.push("| request | status | bytes on the wire | wall p50 ms | CPU ms/request (process, unprofiled) | profiled JS busy ms/request | database commands/request |");
    lines.push("|---|---:|---:|---:|---:|---:|---|");
    const summaries = prof.measures[0].map((r) => ({ r, s: summarise(profile, ROOT, { from: r.from, to: r.to, top: TOP, watch: WATCH }) }));
    summaries.forEach(({ r, s }, i) => {
      const p = plain.measures[0][i];
      lines.push(`| ${r.name} \`${r.path}\` | ${p.status} | ${p.bytes} | ${p.wallP50.toFixed(1)} | ${p.cpu.toFixed(1)} | ${(s.busyMs / REQUESTS).toFixed(1)} | ${p.db || "none"} |`);
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
    const ms = prof.measures[0];
    const all = summarise(profile, ROOT, { from: ms[0].from, to: ms[ms.length - 1].to, top: 40 });
    lines.push(`\n### all request types together: inclusive time\n`);
    lines.push(table("function (inclusive)", all.inclusiveByFunction, REQUESTS * ms.length));
    const out = lines.join("\n");
    console.log(out);
    writeFileSync(path.join(profDir, "summary.md"), out + "\n");
    console.log(`\nprofile and summary: ${profDir}`);
  }
} finally {
  await services.stop();
}
process.exit(0);
