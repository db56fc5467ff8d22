// The sync never loses an update: publish / unpublish / hide reach the index, a practice
// published while Meilisearch is down is searchable within seconds of its return, leases.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { Post } from "../../models/post.server";
import { Practice } from "../../models/practice.server";
import type { PracticeStatus } from "../../models/practice-workflow";
import { Thread } from "../../models/thread.server";
import { User } from "../../models/user.server";
import { enqueueIndex } from "../../search/outbox.server";
import { acquireLease, SearchIndexState, SearchLease, sweep } from "../../search/sync.server";
import { Client, HUB } from "../helpers/http";
import { api, canInjectFaults, eventually, meiliUp, startMeili, stopMeili, waitForIndex } from "./search-helpers";

const word = () => `zq${randomBytes(5).toString("hex")}`;
const created: string[] = [];
let ownerId = "";

async function createPractice(status: PracticeStatus, marker: string) {
  const p = await Practice.create({
    slug: `sync-test-${marker}`,
    ownerId,
    status,
    language: "en",
    title: `Sync test practice ${marker}`,
    summary: `A practice used by the search sync test, marked ${marker}.`,
    countries: ["KE"],
    regions: ["Africa"],
    subregions: ["Eastern Africa"],
    objectives: [7],
    publishedAt: status === "published" ? new Date() : null,
  });
  created.push(String(p._id));
  return p;
}

async function found(marker: string, type = "practice") {
  const { status, body } = await api(`q=${marker}&type=${type}`);
  return status === 200 && body.total > 0 ? body : false;
}

beforeAll(async () => {
  await connectDb(process.env.MONGODB_URI);
  const u = await User.findOne({ email: "member@example.org" }).select("_id").lean();
  ownerId = String(u!._id);
  await waitForIndex();
});

afterAll(async () => {
  // Meilisearch must be running again for the next test files, whatever happened above.
  if (canInjectFaults() && !(await meiliUp())) await startMeili();
  for (const id of created) {
    await Practice.updateOne({ _id: id }, { $set: { status: "archived" }, $inc: { version: 1 } });
    await enqueueIndex("practice", id);
  }
  await disconnectDb();
});

describe("search sync", () => {
  it("indexes a practice when it is published and drops it when it is unpublished", async () => {
    const marker = word();
    const p = await createPractice("submitted", marker);
    await enqueueIndex("practice", p._id);
    await waitForIndex();
    expect(await found(marker)).toBe(false);

    const t0 = Date.now();
    await Practice.updateOne({ _id: p._id }, { $set: { status: "published", publishedAt: new Date() }, $inc: { version: 1 } });
    await enqueueIndex("practice", p._id);
    const body = await eventually(() => found(marker), 30_000, "the published practice to be searchable");
    expect(body.hits[0].slug).toBe(`sync-test-${marker}`);
    console.log(`[search-sync] published → searchable in ${Date.now() - t0} ms`);
    await eventually(async () => {
      const d = await Practice.findById(p._id).select("version").lean();
      const s = await SearchIndexState.findById(`practice:${String(p._id)}`).lean();
      return s?.version === d!.version;
    }, 30_000, "the indexed version to catch up");

    // An edit is reflected (the new title word becomes searchable).
    const edit = word();
    await Practice.updateOne({ _id: p._id }, { $set: { title: `Sync test practice ${marker} ${edit}` }, $inc: { version: 1 } });
    await enqueueIndex("practice", p._id);
    await eventually(() => found(edit), 30_000, "the edited title to be searchable");

    // Unpublishing (archive) is a tombstone: the index drops it.
    await Practice.updateOne({ _id: p._id }, { $set: { status: "archived" }, $inc: { version: 1 } });
    await enqueueIndex("practice", p._id);
    await eventually(async () => (await found(marker)) === false, 30_000, "the archived practice to disappear");
    const res = await new Client().get(`/search?q=${marker}`);
    expect(await res.text()).not.toContain(`sync-test-${marker}`);
  }, 180_000);

  it("follows thread visibility and makes new replies searchable", async () => {
    const thread = await Thread.findOne({ title: /alternatives to detention/i, hidden: false });
    expect(thread).toBeTruthy();
    const id = thread!._id;
    await eventually(() => found("caseload", "thread"), 30_000, "the seeded thread");

    await Thread.updateOne({ _id: id }, { $set: { hidden: true }, $inc: { version: 1 } });
    await enqueueIndex("thread", id);
    try {
      await eventually(async () => (await found("caseload", "thread")) === false, 30_000, "the hidden thread to disappear");
    } finally {
      await Thread.updateOne({ _id: id }, { $set: { hidden: false }, $inc: { version: 1 } });
      await enqueueIndex("thread", id);
    }
    await eventually(() => found("caseload", "thread"), 30_000, "the thread to come back");

    const marker = word();
    const post = await Post.create({ threadId: id, authorId: ownerId, body: { state: "", html: `<p>${marker}</p>`, text: `A new reply mentioning ${marker}.` } });
    try {
      await Thread.updateOne({ _id: id }, { $inc: { version: 1 } });
      await enqueueIndex("thread", id);
      const body = await eventually(() => found(marker, "thread"), 30_000, "the reply to be searchable");
      expect(body.hits[0].url).toBe(`/threads/${String(id)}`);
      // A hidden reply is no longer searchable through its thread.
      await Post.updateOne({ _id: post._id }, { $set: { hidden: true } });
      await Thread.updateOne({ _id: id }, { $inc: { version: 1 } });
      await enqueueIndex("thread", id);
      await eventually(async () => (await found(marker, "thread")) === false, 30_000, "the hidden reply to disappear");
    } finally {
      await Post.deleteOne({ _id: post._id });
      await Thread.updateOne({ _id: id }, { $inc: { version: 1 } });
      await enqueueIndex("thread", id);
    }
  }, 180_000);

  it("reconciles changes that never reached the outbox (the sweep)", async () => {
    // A write whose outbox entry was lost (a crash between the two, an edit by hand in the
    // database): nothing tells the worker, the sweep finds it by comparing versions.
    const marker = word();
    const p = await createPractice("submitted", marker);
    await Practice.updateOne({ _id: p._id }, { $set: { status: "published", publishedAt: new Date() }, $inc: { version: 1 } });
    const health = await eventually(async () => {
      const b = await (await fetch(`${HUB}/healthz`)).json();
      return b.pending >= 1 ? b : false;
    }, 20_000, "/healthz to count the practice as waiting");
    expect(health.pending).toBeGreaterThanOrEqual(1);
    expect((await sweep()).indexed).toBeGreaterThanOrEqual(1);
    await eventually(() => found(marker), 20_000, "the practice to be searchable after the sweep");

    // The other way round: no longer public, still in the index until the sweep drops it.
    await Practice.updateOne({ _id: p._id }, { $set: { status: "archived" }, $inc: { version: 1 } });
    expect(await found(marker)).toBeTruthy();
    expect((await sweep()).deleted).toBeGreaterThanOrEqual(1);
    expect(await found(marker)).toBe(false);
    await waitForIndex(30_000);
  }, 120_000);

  it("lets only one worker hold the lease at a time", async () => {
    const name = `test-${word()}`;
    expect(await acquireLease(name, "instance-a", 400)).toBe(true);
    expect(await acquireLease(name, "instance-b", 400)).toBe(false);
    expect(await acquireLease(name, "instance-a", 400)).toBe(true); // renewal
    await new Promise((r) => setTimeout(r, 600));
    expect(await acquireLease(name, "instance-b", 400)).toBe(true); // expired: taken over
    expect(await acquireLease(name, "instance-a", 400)).toBe(false);
    await SearchLease.deleteOne({ _id: name });
    // The running hub holds the sync lease.
    expect(await acquireLease("sync", "intruder", 1000)).toBe(false);
  });
});

describe("with Meilisearch down", () => {
  it.skipIf(!canInjectFaults())("keeps writes working and catches up within seconds of its return", async () => {
    const marker = word();
    await stopMeili();
    try {
      const health = await fetch(`${HUB}/healthz`);
      expect(health.status).toBe(503);
      expect((await health.json()).search).toBe("down");

      const apiRes = await api("q=migration");
      expect(apiRes.status).toBe(503);
      expect(apiRes.body.error.message).toMatch(/unavailable/i);

      // The page degrades to a MongoDB listing with a notice.
      const page = await new Client().get("/search?q=remittances&region=Oceania");
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Full-text search is temporarily unavailable");
      expect(html).toContain("digital-remittances-pacific-cost-reduction");
      const pageFr = await new Client().get("/search?lng=fr");
      expect(await pageFr.text()).toContain("momentanément indisponible");
      // Landing pages fall back to MongoDB: totals and the newest practices, a notice for the rest.
      const home = await new Client().get("/");
      expect(home.status).toBe(200);
      expect(await home.text()).toMatch(/href="\/practices\/[a-z0-9-]+"/);
      const objective = await new Client().get("/objectives/20");
      expect(objective.status).toBe(200);
      const objectiveHtml = await objective.text();
      expect(objectiveHtml).toContain("temporarily unavailable");
      expect(objectiveHtml).toMatch(/href="\/practices\/[a-z0-9-]+"/);

      // Publishing still works; the document waits.
      const p = await createPractice("published", marker);
      await Practice.updateOne({ _id: p._id }, { $inc: { version: 1 } });
      await enqueueIndex("practice", p._id);
      await new Promise((r) => setTimeout(r, 1500)); // a few failed sync attempts
      const waiting = await (await fetch(`${HUB}/healthz`)).json();
      expect(waiting.pending).toBeGreaterThanOrEqual(1);
    } finally {
      await startMeili();
    }
    const back = Date.now();
    await eventually(() => found(marker), 45_000, "the practice published during the outage to be searchable");
    const lag = Date.now() - back;
    console.log(`[search-sync] searchable ${lag} ms after Meilisearch came back`);
    // Seconds on an idle machine (backoff ≤ 5 s + one indexing task); generous for loaded CI.
    expect(lag).toBeLessThan(45_000);
    await waitForIndex(60_000);
    expect((await fetch(`${HUB}/healthz`)).status).toBe(200);
  }, 180_000);
});
