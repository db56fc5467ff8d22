// Fault suite (issue 15, item 1): FerretDB is killed with SIGKILL while members save and submit
// practices, then started again. Every write the hub acknowledged is there afterwards; a write
// refused meanwhile was answered with a translated 503, never a 500; no workflow transition is
// half applied; and the same app process serves pages again without a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { reviewStatus, type PracticeStatus } from "../../models/practice-workflow";
import { Practice } from "../../models/practice.server";
import { canInject, mongoService, startService, stopService } from "../helpers/faults";
import { Client, demo } from "../helpers/http";
import { eventually, sleep } from "../helpers/wait";
import { fullForm, unique } from "../integration/practice-fixtures";

let member: Client;
beforeAll(async () => {
  member = await new Client().login(demo.member);
});
afterAll(async () => {
  if (canInject(mongoService) && !(await mongoService.up())) await startService(mongoService);
  await disconnectDb();
});

describe("FerretDB killed mid-write", () => {
  it.skipIf(!canInject(mongoService))("loses no acknowledged write and recovers without restarting the app", async () => {
    const run = unique();
    const titles = Array.from({ length: 60 }, (_, i) => `Store fault ${run} ${i}`);
    const results: { title: string; status: number; location: string | null; body: string }[] = [];
    const burst = (async () => {
      // a steady stream of saves and submissions, eight at a time
      for (let i = 0; i < titles.length; i += 8) {
        await Promise.all(
          titles.slice(i, i + 8).map(async (title, j) => {
            try {
              const res = await member.post("/practices/new", { ...fullForm(title), intent: (i + j) % 2 ? "submit" : "save" });
              results.push({ title, status: res.status, location: res.headers.get("location"), body: res.status >= 400 ? await res.text() : "" });
            } catch (e) {
              results.push({ title, status: 0, location: null, body: String(e) });
            }
          }),
        );
        await sleep(100);
      }
    })();
    await sleep(600);
    await stopService(mongoService);
    await sleep(2500);
    await startService(mongoService);
    await burst;

    expect(results).toHaveLength(titles.length);
    console.log(`[faults] store killed: ${results.filter((r) => r.status === 302).length} acknowledged, ${results.filter((r) => r.status === 503).length} answered 503`);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 302).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 302 && s !== 503), JSON.stringify(statuses)).toEqual([]);
    for (const r of results.filter((x) => x.status === 503)) {
      expect(r.body).toContain("Temporarily unavailable");
      expect(r.body).not.toMatch(/node_modules\/|\bat [\w.<>]+ \(.*:\d+:\d+\)/);
    }
    // pages answer again from the same app process
    await eventually(async () => (await member.get("/me/practices")).status === 200, 30_000, "the app to serve pages again");

    await connectDb();
    const stored = await Practice.find({ title: { $in: titles } }).lean();
    for (const r of results.filter((x) => x.status === 302)) {
      const id = /([a-f0-9]{24})/.exec(r.location ?? "")?.[1];
      expect(id, r.location ?? "").toBeTruthy();
      const doc = stored.find((p) => String(p._id) === id);
      expect(doc?.title, `acknowledged ${r.title}`).toBe(r.title);
    }
    // each practice once, and its review status agrees with its state (nothing half applied)
    expect(new Set(stored.map((p) => p.title)).size).toBe(stored.length);
    for (const p of stored) {
      expect(p.reviewStatus, p.title).toBe(reviewStatus(p.status as PracticeStatus, (p.pending as { status?: PracticeStatus } | null)?.status ?? null));
      if (p.status === "submitted") expect(p.submittedAt, p.title).toBeTruthy();
    }
  }, 180_000);
});
