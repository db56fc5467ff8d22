// `npm test`: installs what the tests need (Chromium, a Java runtime for the Nu Html Checker, Jing and xmllint for the feeds' and sitemap's schemas, via apt-get), builds the app, starts
// real services on test ports with their own data dir and index prefix, seeds, serves the
// hub, runs vitest (unit, integration, end-to-end), and stops everything.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureJemalloc, withHubAllocator } from "./lib/allocator.mjs";
import { applyServiceEnv } from "./lib/env.ts";
import { envInt, ROOT, startServices } from "./lib/services.ts";

const step = (s: string) => console.log(`[test] ${s}`);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Installs a Debian package with apt-get (as root in CI, with sudo elsewhere); true when it succeeded. */
function aptInstall(pkg: string) {
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args: string[]) => spawnSync(sudo.length ? "sudo" : args[0], sudo.length ? args : args.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  run(["apt-get", "update", "-qq"]);
  return run(["apt-get", "install", "-y", "-qq", pkg]).status === 0;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  step("installing Chromium with apt-get (first run only) …");
  if (!aptInstall("chromium") || !existsSync(CHROMIUM)) {
    console.error("[test] Chromium is needed for the end-to-end tests: install Debian's `chromium` package or set CHROMIUM_PATH.");
    process.exit(1);
  }
}

function hasJava() {
  return spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;
}

// The W3C Nu Html Checker (the vnu-jar package) needs a Java runtime: Debian's, never a download.
function ensureJava() {
  if (hasJava()) return;
  step("installing a Java runtime with apt-get for the Nu Html Checker (first run only) …");
  if (!aptInstall("default-jre-headless") || !hasJava()) {
    console.error("[test] Java is needed for the HTML validation tests: install Debian's `default-jre-headless` package.");
    process.exit(1);
  }
}

// Schema validation of the Atom feeds (Jing, RELAX NG) and the sitemap (xmllint, XML Schema).
function ensureCommand(cmd: string, pkg: string, why: string) {
  if (spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0) return;
  step(`installing ${pkg} with apt-get for ${why} (first run only) …`);
  if (!aptInstall(pkg) || spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status !== 0) {
    console.error(`[test] ${cmd} is needed for ${why}: install Debian's \`${pkg}\` package.`);
    process.exit(1);
  }
}

ensureChromium();
ensureJava();
// The hub under test runs on the allocator it ships with (decision 050).
ensureJemalloc((s) => step(s.replace(/^\[hub\] /, "")));
ensureCommand("jing", "jing", "validating the Atom feeds against RFC 4287's schema");
ensureCommand("xmllint", "libxml2-utils", "validating the sitemap against sitemaps.org's schema");
process.env.NODE_ENV = "production";

if (!process.env.HUB_SKIP_TYPECHECK) {
  step("type-checking (tsc --noEmit, strict) …");
  const tsc = spawnSync("node_modules/.bin/tsc", ["--noEmit"], { cwd: ROOT, stdio: "inherit" });
  if (tsc.status !== 0) {
    console.error("[test] type errors: see above.");
    process.exit(1);
  }
}

step("building the app …");
const build = spawnSync("node_modules/.bin/remix", ["build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) process.exit(1);

const dataDir = process.env.HUB_TEST_DATA_DIR ?? path.join(ROOT, ".data-test");
const services = await startServices({
  dataDir,
  mongoPort: envInt("TEST_MONGO_PORT", 27117),
  mailPort: envInt("TEST_MAIL_PORT", 1125),
  meiliPort: envInt("TEST_MEILI_PORT", 7717),
  fresh: !process.env.MONGODB_URI,
  log: (l) => step(l),
});
applyServiceEnv(services, dataDir);
if (process.env.MONGODB_URI?.includes("/hub") && services.mongoKind.includes("MONGODB_URI")) {
  // Never run tests against a database called hub on a real cluster by accident.
  process.env.MONGODB_URI = process.env.MONGODB_URI.replace(/\/hub(\?|$)/, "/hub_test$1");
}
process.env.MEILI_INDEX_PREFIX = process.env.TEST_MEILI_INDEX_PREFIX ?? "test_";
process.env.HUB_DATA_DIR = dataDir;

step("seeding demo content …");
const seed = spawnSync("node_modules/.bin/tsx", ["scripts/test-seed.ts"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } }); // demo accounts are only seeded outside production
if (seed.status !== 0) {
  await services.stop();
  process.exit(1);
}

const port = envInt("TEST_PORT", 3100);
process.env.HUB_URL = `http://localhost:${port}`;
step(`starting the hub on ${process.env.HUB_URL} …`);
const app = spawn("node_modules/.bin/tsx", ["scripts/serve.ts"], {
  cwd: ROOT,
  // Every test client comes from 127.0.0.1: per-IP abuse limits would trip across test files
  // (tests/integration/security.test.ts checks them on a server of its own). The periodic sweep
  // is off (one at start-up and after failures): the sweep test drives sweeps itself.
  // Its log: warnings and errors only (LOG_LEVEL overrides), not an access line per request.
  env: withHubAllocator({ LOG_LEVEL: "warn", HUB_REGISTER_LIMIT: "100000", HUB_LOGIN_IP_LIMIT: "100000", HUB_RESET_IP_LIMIT: "100000", ...process.env, PORT: String(port), HUB_SYNC_INTERVAL_MS: "500", HUB_SWEEP_INTERVAL_MS: "3600000", HUB_STALE_DUTY: "off", HUB_MAIL_INTERVAL_MS: "250", HUB_MAIL_RETRY_BASE_MS: "300", HUB_MAIL_RETRY_CAP_MS: "2000", HUB_DIGEST_INTERVAL_MS: "86400000" }),
  stdio: ["ignore", "inherit", "inherit"],
});
const started = Date.now();
let up = false;
while (Date.now() - started < 60_000) {
  try {
    // Healthy, and the seeded content already in the search index (pages read from it).
    const r = await fetch(`${process.env.HUB_URL}/healthz`);
    if (r.status === 200 && ((await r.json()) as { pending?: number }).pending === 0) {
      up = true;
      break;
    }
  } catch {
    /* not yet */
  }
  await new Promise((r) => setTimeout(r, 300));
}
let code = 1;
if (!up) {
  console.error("[test] the hub did not become healthy within 60 s");
} else {
  const args = ["run", ...process.argv.slice(2)];
  const vitest = spawnSync("node_modules/.bin/vitest", args, { cwd: ROOT, stdio: "inherit", env: process.env });
  code = vitest.status ?? 1;
}
// The hub first (its graceful shutdown, bounded), then the services.
const appExited = new Promise((resolve) => (app.exitCode !== null ? resolve(null) : app.once("exit", resolve)));
app.kill("SIGTERM");
await Promise.race([appExited, new Promise((r) => setTimeout(r, 15_000))]);
await services.stop();
step(code === 0 ? "all tests passed" : "some tests failed");
process.exit(code);
