// The moderators' queue comes from the `reviews` index (search/review-queue.server.ts, decision
// 036): a submission is listed at once and moves with each decision before the sync has run
// (practices changed since the index caught up are read from MongoDB), the counts per status
// equal MongoDB's, the index holds each practice under review at its current version, and with
// Meilisearch down the queue answers from MongoDB.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Practice } from "../../models/practice.server";
import { indexName, meili } from "../../search/client.server";
import { Client, demo } from "../helpers/http";
import { db, submittedPractice, unique, wholeQueue } from "./practice-fixtures";
import { canInjectFaults, eventually, startMeili, stopMeili, waitForIndex } from "./search-helpers";
import { QUEUE_PER_PAGE as PER } from "../../search/review-queue.server";

let member: Client;
let moderator: Client;

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
});
afterAll(async () => {
  await mongoose.disconnect();
});

const page = (qs: string) => wholeQueue(moderator, qs);
const decide = (id: string, action: string, comment = "") => moderator.post(`/moderation/practices/${id}`, { action, comment });
/** The count shown on each status tab, e.g. "Submitted for review (3)". */
const tabCounts = (html: string) => [...html.matchAll(/<a [^>]*href="[^"]*\?status=([a-z-]+)[^"]*"[^>]*>[^<]*\((\d+)\)<\/a>/g)].map((m) => [m[1], Number(m[2])] as const);

async function mongoCounts() {
  const out: Record<string, number> = {};
  for (const s of ["submitted", "changes-requested", "rejected", "archived"] as const) out[s] = await Practice.countDocuments({ reviewStatus: s });
  return out;
}

describe("the review queue from the index", () => {
  it("lists a submission at once and moves it with each decision before the index catches up", async () => {
    const title = `Queue at once ${unique()}`;
    const id = await submittedPractice(member, title);
    expect(await page("status=submitted")).toContain(title);
    expect(await page("status=changes-requested")).not.toContain(title);

    expect((await decide(id, "request-changes", "Please add the results.")).status).toBe(302);
    expect(await page("status=submitted")).not.toContain(title);
    expect(await page("status=changes-requested")).toContain(title);

    const other = `Queue reject ${unique()}`;
    const otherId = await submittedPractice(member, other);
    expect(await page("status=submitted")).toContain(other);
    expect((await decide(otherId, "reject", "Out of scope.")).status).toBe(302);
    expect(await page("status=submitted")).not.toContain(other);
    expect(await page("status=rejected")).toContain(other);
  });

  it("counts per status equal MongoDB's, right after a change and once indexed", async () => {
    const title = `Queue counts ${unique()}`;
    await submittedPractice(member, title);
    const shown = Object.fromEntries(tabCounts(await page("status=submitted")));
    const truth = await mongoCounts();
    for (const s of Object.keys(truth)) expect(shown[s], s).toBe(truth[s]);

    await waitForIndex();
    const indexed = Object.fromEntries(tabCounts(await page("status=submitted")));
    const truthAfter = await mongoCounts();
    for (const s of Object.keys(truthAfter)) expect(indexed[s], s).toBe(truthAfter[s]);
  });

  it("holds each practice under review at its current version, and drops it once published", async () => {
    const title = `Queue indexed ${unique()}`;
    const id = await submittedPractice(member, title);
    const reviews = meili().index(indexName("reviews"));
    await eventually(async () => {
      const doc = await reviews.getDocument(id).catch(() => null);
      const p = await Practice.findById(id).select("version").lean();
      return !!doc && doc.reviewStatus === "submitted" && doc.title === title && doc.version === p?.version;
    }, 20_000, "the submission in the reviews index");

    // filters come from the index too: objective 5 and Africa match the fixture, objective 1 does not
    await waitForIndex();
    expect(await page("status=submitted&objective=5&region=Africa")).toContain(title);
    expect(await page("status=submitted&objective=1")).not.toContain(title);

    expect((await decide(id, "publish")).status).toBe(302);
    await eventually(async () => (await reviews.getDocument(id).catch(() => null)) === null, 20_000, "the published practice to leave the reviews index");
    await waitForIndex();
    expect(await page("status=submitted")).not.toContain(title);
    expect(await page("status=published")).toContain(title);
  });

  it("pages the queue 50 at a time, oldest first, each submission once, with the whole count in the heading", async () => {
    const first = `Queue paged ${unique()}`;
    await submittedPractice(member, first);
    const truth = async () => (await mongoCounts()).submitted;
    for (let n = await truth(); n < PER + 5; n++) await submittedPractice(member, `Queue filler ${unique()}`);
    const total = await truth();
    const titlesOn = (html: string) => [...html.matchAll(/<td class="card-table-title"><a [^>]*href="\/moderation\/practices\/([a-f0-9]{24})"/g)].map((m) => m[1]);
    const seen: string[] = [];
    const pages = Math.ceil(total / PER);
    for (const check of [false, true]) {
      // once as the sync finds it (changes not yet indexed are merged in), once indexed
      if (check) await waitForIndex();
      seen.length = 0;
      for (let p = 1; p <= pages; p++) {
        const res = await moderator.get(`/moderation?status=submitted&page=${p}`);
        expect(res.status).toBe(200);
        const html = (await res.text()).replace(/<!-- -->/g, "");
        expect(html).toContain(`${total} practices: Submitted for review`);
        const ids = titlesOn(html);
        expect(ids.length).toBe(p < pages ? PER : total - PER * (pages - 1));
        expect(html.includes('rel="next"')).toBe(p < pages);
        seen.push(...ids);
      }
      expect(new Set(seen).size).toBe(total);
    }
    const order = await Practice.find({ _id: { $in: seen } }).select("submittedAt").lean();
    const at = new Map(order.map((d) => [String(d._id), new Date(d.submittedAt as Date).getTime()]));
    const times = seen.map((id) => at.get(id)!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await moderator.get(`/moderation?status=submitted&page=${pages + 1}`)).status).toBe(404);
    expect((await moderator.get("/moderation?status=submitted&page=abc")).status).toBe(200);
  }, 120_000);

  it.skipIf(!canInjectFaults())("answers from MongoDB while Meilisearch is down", async () => {
    const title = `Queue fallback ${unique()}`;
    await submittedPractice(member, title);
    await stopMeili();
    try {
      expect((await moderator.get("/moderation?status=submitted")).status).toBe(200);
      const html = await page("status=submitted");
      expect(html).toContain(title);
      const shown = Object.fromEntries(tabCounts(html));
      const truth = await mongoCounts();
      for (const s of Object.keys(truth)) expect(shown[s], s).toBe(truth[s]);
    } finally {
      await startMeili();
    }
  }, 60_000);
});
