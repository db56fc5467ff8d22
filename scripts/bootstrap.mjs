#!/usr/bin/env node
// Entry point of every npm script: makes sure dependencies match the lock file and the npm
// patches (runs `npm ci` on a fresh clone or after either changed), then runs the
// given TypeScript script with tsx. Plain Node so it works before `npm ci`.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureJemalloc, withHubAllocator } from "./lib/allocator.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lock = path.join(root, "package-lock.json");
const stamp = path.join(root, "node_modules", ".hub-lock-hash");

// patch-package's patches (postinstall): a changed patch must be applied on checkouts that already
// installed, so it is part of the stamp. FerretDB's and Mailpit's patches (patches/ferretdb,
// patches/mailpit) are Go patches, stamped beside their binaries by scripts/lib/services.ts.
const npmPatches = path.join(root, "patches", "npm");

function lockHash() {
  const hash = createHash("sha256").update(readFileSync(lock));
  if (existsSync(npmPatches)) {
    for (const name of readdirSync(npmPatches).sort()) hash.update(name).update(readFileSync(path.join(npmPatches, name)));
  }
  return hash.digest("hex");
}

const wanted = existsSync(lock) ? lockHash() : "no-lock";
const have = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
if (wanted !== have || !existsSync(path.join(root, "node_modules", ".bin", "tsx"))) {
  const args = existsSync(lock) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"];
  console.log(`[hub] installing dependencies (npm ${args[0]}) …`);
  const r = spawnSync("npm", args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("[hub] npm could not install the dependencies; see the output above.");
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, existsSync(lock) ? lockHash() : "no-lock");
}

// `node --import tsx`, not the tsx command: the command relays signals to the script and kills it
// (SIGKILL) when it has not acknowledged one within about 60 ms, which would cut a graceful
// shutdown short on a busy machine (decision 046).
const [script, ...rest] = process.argv.slice(2);
// `npm start` serves in its own process: it gets the hub's allocator (decision 050).
const serves = /(^|\/)start\.ts$/.test(script);
if (serves) ensureJemalloc();
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script), ...rest], {
  cwd: root,
  env: serves ? withHubAllocator(process.env) : process.env,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
