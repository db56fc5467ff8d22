// Thread listings come from the threads index (search/thread-listing.server.ts): a new thread and
// its replies show up once indexed, pinned threads lead a space, a hidden thread leaves the public
// lists while its space's moderators still see it, counts per space match MongoDB, and with
// Meilisearch down the same pages answer from MongoDB.
import { describe, expect, it } from "vitest";
import { Thread } from "../../models/thread.server";
import { Client } from "../helpers/http";
import { as, db, newThread, OPEN_SPACE, reply, spaceId, threadIdFrom, unique } from "./discussion-fixtures";
import { canInjectFaults, eventually, startMeili, stopMeili, waitForIndex } from "./search-helpers";

const text = async (c: Client, path: string) => (await (await c.get(path)).text()).replace(/<!-- -->/g, "");

describe("thread listings from the index", () => {
  it("list a new thread with its replies once indexed, pinned threads first in the space", async () => {
    const member = await as("member");
    const title = unique("Listed thread");
    const id = threadIdFrom(await newThread(member, { title }));
    await reply(member, id, "A first reply to count.");
    const anon = new Client();
    await eventually(async () => (await text(anon, "/threads")).includes(title), 15_000, "the thread on /threads");
    const space = await text(anon, `/spaces/${OPEN_SPACE}`);
    expect(space).toContain(title);
    expect(space).toContain(`href="/threads/${id}"`);

    const moderator = await as("moderator");
    expect((await moderator.post(`/threads/${id}`, { intent: "mod-thread", action: "pin" })).status).toBe(302);
    await eventually(async () => {
      const html = await text(anon, `/spaces/${OPEN_SPACE}`);
      const links = [...html.matchAll(/href="\/threads\/([a-f0-9]{24})"/g)].map((m) => m[1]);
      const pinned = (await Thread.find({ spaceId: await spaceId(OPEN_SPACE), pinned: true, hidden: false, held: false, deletedAt: null }).select("_id").lean()).map((t) => String(t._id));
      return links.length > 0 && pinned.includes(id) && links.slice(0, pinned.length).every((l) => pinned.includes(l));
    }, 15_000, "pinned threads to lead the space");
  });

  it("drop a hidden thread from the public lists; the space's moderators still see it", async () => {
    await db();
    const member = await as("member");
    const title = unique("Thread to hide");
    const id = threadIdFrom(await newThread(member, { title }));
    const anon = new Client();
    await eventually(async () => (await text(anon, "/threads")).includes(title), 15_000, "the thread listed");
    const moderator = await as("moderator");
    expect((await moderator.post(`/threads/${id}`, { intent: "mod-thread", action: "hide" })).status).toBe(302);
    await eventually(async () => !(await text(anon, "/threads")).includes(title) && !(await text(anon, `/spaces/${OPEN_SPACE}`)).includes(title), 15_000, "the thread gone from the public lists");
    expect(await text(moderator, `/spaces/${OPEN_SPACE}`)).toContain(title);
  });

  it("count visible threads per space as MongoDB does", async () => {
    await db();
    await waitForIndex();
    const sid = await spaceId(OPEN_SPACE);
    // other suites post in the same space meanwhile: the two agree once the index has caught up
    await eventually(async () => {
      const html = await text(new Client(), "/spaces");
      const visible = await Thread.countDocuments({ spaceId: sid, hidden: false, held: false, deletedAt: null });
      const block = html.slice(html.indexOf(`href="/spaces/${OPEN_SPACE}"`)).slice(0, 2000);
      return new RegExp(`\\b${visible} discussions?\\b`).test(block);
    }, 20_000, "the space's thread count to match MongoDB");
  });

  it("show a thread at once, before the index catches up: started, pinned, hidden", async () => {
    const member = await as("member");
    const title = unique("At once thread");
    const id = threadIdFrom(await newThread(member, { title }));
    const anon = new Client();
    // no waiting: the outbox entry is still there, the listing reads the thread from MongoDB
    expect(await text(anon, "/threads")).toContain(title);
    const first = (html: string) => [...html.matchAll(/href="\/threads\/([a-f0-9]{24})"/g)].map((m) => m[1]);
    const moderator = await as("moderator");
    expect((await moderator.post(`/threads/${id}`, { intent: "mod-thread", action: "pin" })).status).toBe(302);
    const pinned = (await Thread.find({ spaceId: await spaceId(OPEN_SPACE), pinned: true, hidden: false, held: false, deletedAt: null }).select("_id").lean()).map((t) => String(t._id));
    expect(first(await text(anon, `/spaces/${OPEN_SPACE}`)).slice(0, pinned.length).sort()).toEqual(pinned.sort());
    expect((await moderator.post(`/threads/${id}`, { intent: "mod-thread", action: "hide" })).status).toBe(302);
    expect(await text(anon, "/threads")).not.toContain(title);
    expect(await text(anon, `/spaces/${OPEN_SPACE}`)).not.toContain(title);
  });

  it.skipIf(!canInjectFaults())("answer from MongoDB while Meilisearch is down", async () => {
    await waitForIndex();
    const anon = new Client();
    const before = await text(anon, `/spaces/${OPEN_SPACE}`);
    const ids = (html: string) => [...html.matchAll(/href="\/threads\/([a-f0-9]{24})"/g)].map((m) => m[1]);
    await stopMeili();
    try {
      const res = await anon.get(`/spaces/${OPEN_SPACE}`);
      expect(res.status).toBe(200);
      expect(ids(await res.text())).toEqual(ids(before));
      expect((await anon.get("/threads")).status).toBe(200);
      expect((await anon.get("/spaces")).status).toBe(200);
    } finally {
      await startMeili();
    }
  }, 60_000);
});
