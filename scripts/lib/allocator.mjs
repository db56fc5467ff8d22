// The hub's memory allocator (decision 050): jemalloc, preloaded into the hub's Node process.
// Under load, glibc's malloc fragments (the server's resident memory doubled over 30,000 requests
// while its JavaScript heap stayed flat); with jemalloc it stays flat. Plain JavaScript so that
// scripts/bootstrap.mjs can use it before the dependencies are installed.
//
// HUB_ALLOCATOR=system keeps glibc's malloc. Only the hub's process gets the preload: services,
// Chromium and Java are started without it (scripts/lib/services.ts strips it).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const CANDIDATES = [
  "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
  "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
  "/usr/lib64/libjemalloc.so.2",
  "/usr/lib/libjemalloc.so.2",
  "/usr/local/lib/libjemalloc.so.2",
];

/** The jemalloc library on this machine, or null (or null when HUB_ALLOCATOR=system). */
export function jemallocPath() {
  if (process.env.HUB_ALLOCATOR === "system" || process.platform !== "linux") return null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Installs Debian's libjemalloc2 with apt-get when it is missing (as root, or with a sudo that
 * needs no password); never fails the caller: without it the hub runs on glibc's malloc.
 * Returns the library's path or null.
 */
export function ensureJemalloc(log = (s) => console.log(s)) {
  if (process.env.HUB_ALLOCATOR === "system" || process.platform !== "linux") return null;
  const found = jemallocPath();
  if (found) return found;
  if (spawnSync("sh", ["-c", "command -v apt-get"]).status !== 0) return null;
  const root = process.getuid?.() === 0;
  if (!root && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status !== 0) return null;
  log("[hub] installing libjemalloc2 with apt-get (the hub's memory allocator; first run only) …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => spawnSync(root ? args[0] : "sudo", root ? args.slice(1) : ["-n", ...args], { stdio: "ignore", env, timeout: 300_000 }).status === 0;
  if (!run(["apt-get", "install", "-y", "-qq", "libjemalloc2"])) {
    run(["apt-get", "update", "-qq"]);
    run(["apt-get", "install", "-y", "-qq", "libjemalloc2"]);
  }
  const now = jemallocPath();
  if (!now) log("[hub] libjemalloc2 could not be installed: the hub uses the system allocator (its memory grows with fragmentation under load).");
  return now;
}

/** `env` with jemalloc preloaded (when this machine has it and HUB_ALLOCATOR is not "system"). */
export function withHubAllocator(env = process.env) {
  const lib = jemallocPath();
  if (!lib) return { ...env };
  const others = (env.LD_PRELOAD ?? "").split(/[:\s]+/).filter((p) => p && p !== lib);
  return { ...env, LD_PRELOAD: [lib, ...others].join(":") };
}

/** `env` without the hub's preload (for the services and browsers the scripts start). */
export function withoutHubAllocator(env = process.env) {
  const rest = (env.LD_PRELOAD ?? "").split(/[:\s]+/).filter((p) => p && !/libjemalloc\.so/.test(p));
  const out = { ...env };
  if (rest.length) out.LD_PRELOAD = rest.join(":");
  else delete out.LD_PRELOAD;
  return out;
}

/** Which allocator this process runs on: "jemalloc" when the library is mapped, else "system". */
export function currentAllocator() {
  try {
    return /libjemalloc\.so/.test(readFileSync("/proc/self/maps", "utf8")) ? "jemalloc" : "system";
  } catch {
    return "system";
  }
}
