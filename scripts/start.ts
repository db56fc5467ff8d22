// `npm start`: services → demo content (first run) → production build → the hub on PORT.
import { spawnSync } from "node:child_process";
import { connectDb } from "../models/db.server.ts";
import { Practice } from "../models/practice.server.ts";
import { applyServiceEnv } from "./lib/env.ts";
import { defaultServiceOptions, envInt, ROOT, ServiceError, startServices } from "./lib/services.ts";
import { onStopSignals } from "./lib/shutdown.ts";
import type { HubServer } from "./serve.ts";

const step = (s: string) => console.log(`[hub] ${s}`);
const t0 = Date.now();
// The app always runs a production build; demo accounts are seeded unless the operator
// explicitly said NODE_ENV=production.
const demoAccounts = process.env.NODE_ENV !== "production";
process.env.NODE_ENV = "production";
// The services in process groups of their own: a Ctrl-C reaches this process only, which stops
// the app first and then the services, in order (app → Meilisearch and Mailpit → FerretDB).
const opts = { ...defaultServiceOptions(), ownProcessGroups: true };

let services;
try {
  step("starting services …");
  services = await startServices(opts);
} catch (e) {
  console.error(`[hub] ${e instanceof ServiceError ? e.message : String(e)}`);
  process.exit(1);
}
applyServiceEnv(services, opts.dataDir);

let hub: HubServer | null = null;
const stopAll = async (code = 0) => {
  await services.stop();
  process.exit(code);
};
onStopSignals(async (signal) => {
  if (hub) await hub.shutdown(signal);
  step("stopping the services (Meilisearch and Mailpit, then the database) …");
  await services.stop();
  step("stopped");
  return 0;
});

await connectDb(services.mongoUri);
if ((await Practice.estimatedDocumentCount()) === 0) {
  step("empty database: seeding demo content …");
  const { seedDemo } = await import("./seed/seed.ts");
  await seedDemo((s) => step(`  ${s}`), demoAccounts);
}
// First start (or a wiped Meilisearch): index the content before the first page is served.
try {
  const { warmIndexIfCold } = await import("../search/sync.server.ts");
  const n = await warmIndexIfCold();
  if (n) step(`search index: ${n} documents indexed`);
} catch (e) {
  step(`search index not ready (${(e as Error).message}); the hub catches up once it can`);
}

step("building the app …");
const build = spawnSync("node_modules/.bin/remix", ["build"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: process.env, encoding: "utf8" });
// Errors and warnings of the build, minus the one notice @remix-run/dev always prints about its
// own use of Vite's CommonJS API (nothing a newcomer can act on).
const buildOutput = (build.stderr ?? "")
  .split("\n")
  .filter((l) => l.trim() && !/The CJS build of Vite's Node API is deprecated/.test(l))
  .join("\n");
if (buildOutput) console.error(buildOutput);
if (build.status !== 0) {
  console.error("[hub] the build failed; see above.");
  await stopAll(1);
}

const port = envInt("PORT", 3000);
const { listen } = await import("./serve.ts");
hub = await listen(port);
step(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s — http://localhost:${port}`);
