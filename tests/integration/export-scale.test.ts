// The export at scale: with HUB_EXPORT_SCALE=<n> (e.g. 100000) published practices inserted
// straight into the store, /api/v1/export.csv streams n rows while the hub's memory stays bounded.
// Opt-in (it takes minutes): without HUB_EXPORT_SCALE the file is skipped.
// HUB_EXPORT_SCALE=100000 TEST_PORT=… npm test -- tests/integration/export-scale.test.ts (the rows go into the
// store only, not the outbox, so the search sync leaves them alone; the test run sweeps hourly).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import mongoose, { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HUB } from "../helpers/http";
import { db } from "./practice-fixtures";
import { Practice } from "../../models/practice.server";

const N = Number(process.env.HUB_EXPORT_SCALE ?? 0);
const PREFIX = "scale-export-";

/** The hub's process (the one listening on its port). */
function hubPid(): number {
  const port = new URL(HUB).port;
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const m = /pid=(\d+)/.exec(out);
  if (!m) throw new Error(`no process listens on ${port}: ${out}`);
  return Number(m[1]);
}
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

describe.skipIf(!N)(`export of ${N} practices`, () => {
  beforeAll(async () => {
    await db();
    const owner = new Types.ObjectId();
    const have = await Practice.countDocuments({ status: "published", slug: { $regex: `^${PREFIX}` } });
    for (let i = have; i < N; i += 5000) {
      const docs = Array.from({ length: Math.min(5000, N - i) }, (_, k) => ({
        slug: `${PREFIX}${i + k}`,
        ownerId: owner,
        status: "published",
        reviewStatus: "published",
        language: "en",
        title: `Scale practice ${i + k}`,
        summary: "A practice inserted to measure the export at scale, with a summary of ordinary length for a listing.",
        objectives: [3, 16],
        principles: ["rule-of-law"],
        regions: ["Africa"],
        countries: ["SN"],
        stakeholderTypes: [],
        organizations: ["Scale org"],
        publishedAt: new Date(),
        createdAt: new Date(),
        updatedAt: new Date(),
        version: 1,
      }));
      await Practice.collection.insertMany(docs, { ordered: false });
    }
  }, 1_800_000);

  afterAll(async () => {
    await mongoose.disconnect();
  });

  it("streams every row while the hub's resident memory grows by less than 120 MiB", async () => {
    const pid = hubPid();
    const before = rssMiB(pid);
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
    const started = Date.now();
    const res = await fetch(`${HUB}/api/v1/export.csv`, { headers: { "accept-encoding": "identity" } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let lines = 0;
    let bytes = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 10) lines++;
    }
    clearInterval(timer);
    const total = await Practice.countDocuments({ status: "published" });
    console.log(`export: ${total} practices, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s; hub RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MiB`);
    expect(lines).toBe(total + 1);
    expect(peak - before).toBeLessThan(120);
  }, 1_800_000);
});
