import { startServices } from "./lib/services.ts";
import { applyServiceEnv } from "./lib/env.ts";
const dataDir = "/work/main/.data-bench";
const services = await startServices({ dataDir, mongoPort: 27250, mailPort: 1250, meiliPort: 7850, fresh: false, log: () => {} });
applyServiceEnv(services, dataDir);
process.env.MEILI_INDEX_PREFIX = "bench_";
const { connectBatchDb } = await import("../models/db.server.ts");
await connectBatchDb(services.mongoUri);
const { reviewQueueWithCounts } = await import("../search/review-queue.server.ts");
const { listCalls } = await import("../models/call.server.ts");
const { meili, indexName } = await import("../search/client.server.ts");
async function time(name: string, f: () => Promise<unknown>, n = 40) {
  for (let i = 0; i < 5; i++) await f();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await f(); xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(40), "p50", xs[n >> 1].toFixed(2), "p90", xs[Math.floor(n * 0.9)].toFixed(2), "ms");
}
await time("warm ping", () => (import("mongoose").then((m) => m.default.connection.db!.command({ ping: 1 }))), 200);
const r = await reviewQueueWithCounts({ status: "submitted" }, 1);
console.log("rows", r.queue.rows.length, "total", r.queue.total, r.counts);
await time("reviewQueueWithCounts", () => reviewQueueWithCounts({ status: "submitted" }, 1));
await time("listCalls", () => listCalls("en"));
const reviews = indexName("reviews");
await time("meili page query", () => meili().multiSearch({ queries: [{ indexUid: reviews, q: "", filter: ['reviewStatus = "submitted"'], sort: ["submittedAt:asc", "id:asc"], page: 1, hitsPerPage: 50 }] }));
await time("meili page query limit", () => meili().multiSearch({ queries: [{ indexUid: reviews, q: "", filter: ['reviewStatus = "submitted"'], sort: ["submittedAt:asc", "id:asc"], limit: 50 }] }));
await time("meili facet counts", () => meili().multiSearch({ queries: [{ indexUid: reviews, q: "", limit: 0, facets: ["reviewStatus"] }] }));
await time("meili published total", () => meili().multiSearch({ queries: [{ indexUid: indexName("practices"), q: "", hitsPerPage: 0, page: 1, filter: ['status = "published"'] }] }));
const { displayNames } = await import("../models/user-names.server.ts");
await time("displayNames(50)", () => displayNames(r.queue.rows.map((x: any) => x.ownerId ?? "")));
const { Practice } = await import("../models/practice.server.ts");
const ids = (await Practice.find({ reviewStatus: "submitted" }).select("ownerId").limit(50).lean()).map((p) => p.ownerId);
await time("displayNames(50 owners)", () => displayNames(ids));
process.exit(0);
