// Shared by the benchmarks (`npm run bench:pages`, `npm run bench:search`): a keep-alive HTTP
// client with a cookie jar, percentiles, building and starting the hub, the machine line, and the
// write path as members and moderators use it (draft save, submit, publish, publish → searchable).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { withHubAllocator } from "./allocator.mjs";
import { practiceFormFields, type PracticeFormFields } from "./practice-form.ts";
import { ROOT } from "./services.ts";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile; NaN for no samples. */
export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const fmtMs = (n: number) => (Number.isNaN(n) ? "—" : n >= 100 ? n.toFixed(0) : n.toFixed(1));
export const fmtRatio = (n: number) => (!Number.isFinite(n) ? "—" : n >= 100 ? `${n.toFixed(0)}×` : `${n.toFixed(1)}×`);

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** From writing the request to the last byte of the answer. */
  ms: number;
}

/**
 * One client, one keep-alive connection (sequential requests, like one browser tab), its own
 * cookies. Bodies are read whole and not decompressed; pages are requested with the
 * Accept-Encoding a browser sends, so compression is part of what is measured.
 */
export class BenchClient {
  readonly agent: http.Agent;
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly defaults: Record<string, string> = { "accept-encoding": "gzip, deflate, br", accept: "text/html,application/json;q=0.9,*/*;q=0.8" },
    maxSockets = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpResult> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { ...this.defaults, ...(opts.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (opts.body !== undefined) headers["content-length"] = String(Buffer.byteLength(opts.body));
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const ms = performance.now() - t0;
          for (const c of res.headers["set-cookie"] ?? []) {
            const [pair, ...attrs] = c.split(";");
            const i = pair.indexOf("=");
            const name = pair.slice(0, i).trim();
            const value = pair.slice(i + 1).trim();
            if (!value || attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a))) this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms });
        });
        res.on("error", reject);
      });
      req.setTimeout(opts.timeoutMs ?? 120_000, () => req.destroy(new Error(`${method} ${path}: no answer within ${(opts.timeoutMs ?? 120_000) / 1000} s`)));
      req.on("error", reject);
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request("GET", path, { headers });
  }

  /** A form post as a browser sends it (CSRF token from the cookie, same-origin Origin). */
  async post(path: string, fields: Record<string, string | string[]>) {
    if (!this.cookies.has("hub_csrf")) await this.get("/favicon.svg");
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    body.set("_csrf", decodeURIComponent(this.cookies.get("hub_csrf") ?? ""));
    return this.request("POST", path, { body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded", origin: this.base } });
  }

  async login(email: string, password: string) {
    const r = await this.post("/login", { email, password });
    if (r.status !== 302) throw new Error(`log-in as ${email} answered ${r.status}`);
    return this;
  }

  close() {
    this.agent.destroy();
  }
}

/** Builds the hub into its own directory (so a checkout's build/ is left alone). */
export function buildHub(buildDir: string) {
  const b = spawnSync("node_modules/.bin/remix", ["build"], {
    cwd: ROOT,
    env: { ...process.env, HUB_BUILD_DIR: buildDir, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  if (b.status !== 0) throw new Error(`the build failed:\n${b.stderr}`);
}

/** Starts scripts/serve.ts on `port` with the current environment and waits for /healthz. */
export async function startHub(port: number, buildDir: string, opts: { env?: Record<string, string>; logFile?: string } = {}): Promise<ChildProcess> {
  const out = opts.logFile ? openSync(opts.logFile, "a") : "inherit";
  const hub = spawn("node_modules/.bin/tsx", ["scripts/serve.ts"], {
    cwd: ROOT,
    env: withHubAllocator({ ...process.env, NODE_ENV: "production", HUB_BUILD_DIR: buildDir, PORT: String(port), ...opts.env }),
    stdio: ["ignore", out, out],
  });
  for (let i = 0; ; i++) {
    if (hub.exitCode !== null) throw new Error(`the hub exited with code ${hub.exitCode}${opts.logFile ? `; see ${opts.logFile}` : ""}`);
    if (i > 400) throw new Error("the hub did not answer /healthz within 2 minutes");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return hub;
    } catch {
      /* not yet */
    }
    await sleep(300);
  }
}

/** Waits until the hub's /healthz says nothing waits for the index (and `extra` holds, if given);
 *  returns the seconds waited. */
export async function waitForIndex(base: string, extra?: () => Promise<boolean>, timeoutMs = 30 * 60_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const r = await fetch(`${base}/healthz`, { headers: { "accept-encoding": "identity" } }).catch(() => null);
    const pending = r?.status === 200 ? ((await r.json()) as { pending: number }).pending : -1;
    if (pending === 0 && (!extra || (await extra()))) return (performance.now() - t0) / 1000;
    if (performance.now() - t0 > timeoutMs) throw new Error(`the index did not catch up within ${timeoutMs / 60_000} minutes (pending ${pending})`);
    await sleep(500);
  }
}

export async function stopHub(hub: ChildProcess | null) {
  if (!hub || hub.exitCode !== null) return;
  hub.kill("SIGTERM");
  await new Promise((r) => hub.once("exit", r));
}

/** The machine and the moment, for the line under each table. */
export function machineLine(extra: string[] = []) {
  const cpus = os.cpus();
  return [
    `${cpus[0]?.model?.trim() ?? "unknown CPU"} × ${cpus.length}`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `${os.platform()} ${os.release()}`,
    `Node ${process.version}`,
    ...extra,
  ].join(", ");
}

export const loadLine = () => `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")} (1 / 5 / 15 min)`;

/** A complete practice form with texts of realistic length. */
export function practiceForm(title: string, summary: string): PracticeFormFields {
  const para = (s: string) => `${s} The programme trained staff, registered participants and followed them up over two years with the municipality and civil society partners.`;
  return practiceFormFields(title, {
    summary,
    context: `${para("Context of the practice.")}\n\n${para("A second paragraph.")}`,
    description: `${para("What the practice does.")}\n\n${para("How it is organised.")}`,
    implementation: para("Implementation steps."),
    results: para("Results so far."),
    lessons: para("Lessons learned."),
    replicability: para("How others can replicate it."),
    organizations: "Ministry of Labour (bench)\nCity Council (bench)",
    contactName: "Ana Bench",
  });
}

export interface WriteProbe {
  create: number[];
  save: number[];
  submit: number[];
  publish: number[];
  /** From sending the publish request to the first search answer that has the practice. */
  lag: number[];
  /** Probes not searchable within the limit (their lag is recorded as the limit). */
  late: number;
}

/**
 * The write path through real requests: a member creates a draft, saves it again, submits it; a
 * moderator publishes it; then `isSearchable(id, marker)` is polled until the practice is found.
 */
export async function probeWrites(
  member: BenchClient,
  moderator: BenchClient,
  count: number,
  isSearchable: (id: string, marker: string) => Promise<boolean>,
  opts: { limitMs?: number; pollMs?: number; budgetMs?: number; log?: (s: string) => void } = {},
): Promise<WriteProbe> {
  const out: WriteProbe = { create: [], save: [], submit: [], publish: [], lag: [], late: 0 };
  const limit = opts.limitMs ?? 30_000;
  const started = performance.now();
  const expect = (r: HttpResult, what: string, status = 302) => {
    if (r.status !== status) throw new Error(`${what} answered ${r.status}: ${r.body.toString("utf8").slice(0, 300)}`);
    return r;
  };
  for (let i = 0; i < count; i++) {
    // A slow store: stop after the budget once five probes are in.
    if (i >= 5 && opts.budgetMs && performance.now() - started > opts.budgetMs) {
      opts.log?.(`  (stopped after ${i} probes: ${Math.round((performance.now() - started) / 1000)} s spent)`);
      break;
    }
    const marker = `benchprobe${Date.now().toString(36)}${i}x${Math.random().toString(36).slice(2, 7)}`;
    const form = practiceForm(`Bench probe ${marker}`, `A practice written by the benchmark, marked ${marker}.`);
    const created = expect(await member.post("/practices/new", { ...form, intent: "save" }), "draft create");
    const id = /\/practices\/([a-f0-9]{24})\/edit/.exec(String(created.headers.location ?? ""))?.[1];
    if (!id) throw new Error(`draft create redirected to ${created.headers.location}`);
    out.create.push(created.ms);
    const edited = { ...form, summary: `${form.summary} Saved again.` };
    out.save.push(expect(await member.post(`/practices/${id}/edit`, { ...edited, intent: "save" }), "draft save").ms);
    out.submit.push(expect(await member.post(`/practices/${id}/edit`, { ...edited, intent: "submit" }), "submit").ms);
    const t0 = performance.now();
    out.publish.push(expect(await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" }), "publish").ms);
    for (;;) {
      if (await isSearchable(id, marker)) break;
      if (performance.now() - t0 > limit) {
        out.late++;
        break;
      }
      await sleep(opts.pollMs ?? 25);
    }
    out.lag.push(Math.min(performance.now() - t0, limit));
    opts.log?.(
      `  probe ${i + 1}/${count}: create ${fmtMs(out.create[i])} ms, save ${fmtMs(out.save[i])} ms, submit ${fmtMs(out.submit[i])} ms, publish ${fmtMs(out.publish[i])} ms, searchable after ${fmtMs(out.lag[i])} ms`,
    );
    await sleep(100);
  }
  return out;
}

/** Is the practice `id` a hit of GET /api/v1/search?q=marker (typo tolerance may find others too)? */
export function searchableThroughApi(client: BenchClient) {
  return async (id: string, marker: string) => {
    const r = await client.get(`/api/v1/search?q=${encodeURIComponent(marker)}&type=practice`, { "accept-encoding": "identity", accept: "application/json" });
    if (r.status !== 200) return false;
    const hits = (JSON.parse(r.body.toString("utf8")) as { hits: { id: string }[] }).hits;
    return hits.some((h) => h.id === id);
  };
}

/** Prints a table with aligned columns (first column left, others right). */
export function printTable(head: string[], rows: string[][]) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${w.map((n, i) => (i === 0 ? ":" + "-".repeat(n + 1) : "-".repeat(n + 1) + ":")).join("|")}|`);
  for (const r of rows) console.log(line(r));
}
