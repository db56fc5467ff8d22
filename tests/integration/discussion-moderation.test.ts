// Moderation of discussions: pin, lock, move, hide/unhide (table-driven by role), reports
// queue with resolve/dismiss, held first posts, audit trail and the search enqueue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Client } from "../helpers/http";
import { disconnectDb } from "../../models/db.server";
import { Thread } from "../../models/thread.server";
import { Post } from "../../models/post.server";
import { AuditEntry } from "../../models/audit.server";
import { Report } from "../../models/report.server";
import { Notification } from "../../models/notification.server";
import { User } from "../../models/user.server";
import { Space } from "../../models/space.server";
import { as, db, freshMember, locationOf, markup, newThread, oid, OPEN_SPACE, OTHER_SPACE, postIdFrom, reply, resetPostLimits, enqueuedOrIndexed, spaceId, threadIdFrom, unique } from "./discussion-fixtures";

beforeAll(db);
beforeEach(resetPostLimits);
afterAll(disconnectDb);

const roles = [
  ["member (author)", "member", 403],
  ["another member", "member2", 403],
  ["moderator", "moderator", 302],
  ["admin", "admin", 302],
] as const;

describe("who may pin, lock, hide threads and replies", () => {
  it.each(roles)("%s: pin/lock/hide thread → %s", async (_n, who, expected) => {
    const author = await as("member");
    const id = threadIdFrom(await newThread(author));
    const c = await as(who);
    for (const action of ["pin", "lock", "hide"]) {
      const res = await c.post(`/threads/${id}`, { intent: "mod-thread", action });
      expect(res.status, action).toBe(expected);
    }
    const t = (await Thread.findById(id).lean())!;
    expect([t.pinned, t.locked, t.hidden]).toEqual(expected === 302 ? [true, true, true] : [false, false, false]);
  });

  it.each(roles)("%s: hide a reply → %s", async (_n, who, expected) => {
    const id = threadIdFrom(await newThread(await as("member")));
    const postId = postIdFrom(await reply(await as("member2"), id, "A reply to moderate"));
    const res = await (await as(who)).post(`/threads/${id}`, { intent: "mod-post", postId, action: "hide" });
    expect(res.status).toBe(expected);
    expect((await Post.findById(postId).lean())!.hidden).toBe(expected === 302);
  });

  it("anonymous visitors are sent to log in; unknown actions are 400", async () => {
    const id = threadIdFrom(await newThread(await as("member")));
    const anon = await new Client().post(`/threads/${id}`, { intent: "mod-thread", action: "pin" });
    expect(anon.status).toBe(302);
    expect(locationOf(anon)).toContain("/login");
    const mod = await as("moderator");
    expect((await mod.post(`/threads/${id}`, { intent: "mod-thread", action: "explode" })).status).toBe(400);
    expect((await mod.post(`/threads/${id}`, { intent: "mod-post", postId: "nope", action: "hide" })).status).toBe(404);
  });
});

describe("moderation effects", () => {
  it("a locked thread refuses replies with a translated message and shows no reply form; pinned threads come first", async () => {
    const member = await as("member");
    const title = unique("Pinned and locked");
    const id = threadIdFrom(await newThread(member, { title }));
    const mod = await as("moderator");
    await mod.post(`/threads/${id}`, { intent: "mod-thread", action: "pin" });
    await mod.post(`/threads/${id}`, { intent: "mod-thread", action: "lock" });
    const page = await (await member.get(`/threads/${id}?lng=es`)).text();
    expect(page).toContain("Este debate está bloqueado");
    expect(page).not.toContain('name="intent" value="reply"');
    const res = await reply(member, id, "Still want to reply");
    expect(res.status).toBe(409);
    const space = markup(await (await new Client().get(`/spaces/${OPEN_SPACE}?lng=en`)).text());
    expect(space.indexOf(title)).toBeGreaterThan(-1);
    expect(space.indexOf(title)).toBeLessThan(space.indexOf('class="thread-list"') + 2000);
    await mod.post(`/threads/${id}`, { intent: "mod-thread", action: "unlock" });
    expect((await reply(member, id, "Now it works")).status).toBe(302);
  });

  it("moving a thread to another space is audited and enqueued", async () => {
    const id = threadIdFrom(await newThread(await as("member")));
    const before = (await Thread.findById(id).lean())!.version;
    const target = await spaceId(OTHER_SPACE);
    const res = await (await as("moderator")).post(`/threads/${id}`, { intent: "mod-thread", action: "move", toSpaceId: target });
    expect(res.status).toBe(302);
    const t = (await Thread.findById(id).lean())!;
    expect(String(t.spaceId)).toBe(target);
    expect(t.version).toBeGreaterThan(before);
    expect(await enqueuedOrIndexed(id, before)).toBe(true);
    const entry = await AuditEntry.findOne({ subjectId: oid(id), action: "thread-move" }).lean();
    expect(entry?.from).toBe(OPEN_SPACE);
    expect(entry?.to).toBe(OTHER_SPACE);
    const page = await (await new Client().get(`/threads/${id}`)).text();
    expect(page).toContain(`href="/spaces/${OTHER_SPACE}"`);
  });

  it("hidden threads are 404 to the public and to their author, visible to moderators, kept in the database, audited, enqueued", async () => {
    const author = await as("member");
    const id = threadIdFrom(await newThread(author));
    const version = (await Thread.findById(id).lean())!.version;
    const mod = await as("moderator");
    await mod.post(`/threads/${id}`, { intent: "mod-thread", action: "hide" });
    expect((await new Client().get(`/threads/${id}`)).status).toBe(404);
    expect((await author.get(`/threads/${id}`)).status).toBe(404);
    expect((await (await as("member2")).get(`/threads/${id}/report`)).status).toBe(404);
    const seen = await mod.get(`/threads/${id}`);
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain("A moderator has hidden this discussion.");
    expect(await Thread.exists({ _id: id })).toBeTruthy();
    expect(await AuditEntry.exists({ subjectId: oid(id), action: "thread-hide" })).toBeTruthy();
    expect(await enqueuedOrIndexed(id, version)).toBe(true);
    expect(markup(await (await new Client().get("/threads")).text())).not.toContain(`/threads/${id}"`);
    await mod.post(`/threads/${id}`, { intent: "mod-thread", action: "unhide" });
    expect((await new Client().get(`/threads/${id}`)).status).toBe(200);
  });
});

describe("reports", () => {
  it("a member reports a reply with a reason; the queue shows content, reason; hiding resolves it, notifies, audits, enqueues", async () => {
    const a = await as("member");
    const b = await as("member2");
    const id = threadIdFrom(await newThread(a));
    const text = unique("Offensive reply");
    const postId = postIdFrom(await reply(b, id, text));
    expect((await b.get(`/posts/${postId}/report`)).status).toBe(403); // not your own
    const empty = await a.post(`/posts/${postId}/report`, { reason: " " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Please tell the moderators what is wrong");
    const reason = unique("Insulting language");
    const sent = await a.post(`/posts/${postId}/report`, { reason });
    expect(sent.status).toBe(302);
    expect((await a.get("/moderation/reports")).status).toBe(403);
    const mod = await as("moderator");
    const queue = await (await mod.get("/moderation/reports")).text();
    expect(queue).toContain(text);
    expect(queue).toContain(reason);
    const report = (await Report.findOne({ subjectId: oid(postId) }).lean())!;
    const version = (await Thread.findById(id).lean())!.version;
    const res = await mod.post("/moderation/reports", { intent: "report", reportId: String(report._id), action: "hide", comment: "Abusive" });
    expect(res.status).toBe(302);
    expect((await Report.findById(report._id).lean())!.status).toBe("resolved");
    expect((await Post.findById(postId).lean())!.hidden).toBe(true);
    expect((await Thread.findById(id).lean())!.version).toBeGreaterThan(version);
    expect(await enqueuedOrIndexed(id, version)).toBe(true);
    expect((await new Client().get(`/posts/${postId}`)).status).toBe(404);
    expect(markup(await (await new Client().get(`/threads/${id}`)).text())).not.toContain(text);
    expect(await AuditEntry.exists({ subjectId: oid(postId), action: "post-hide" })).toBeTruthy();
    const user = await User.findOne({ email: "member@example.org" }).lean();
    expect(await Notification.exists({ userId: user!._id, kind: "report-resolved" })).toBeTruthy();
    const closed = await (await mod.get("/moderation/reports?tab=closed")).text();
    expect(closed).toContain(reason);
    expect(closed).toContain("content hidden");
  });

  it("a report can be dismissed, leaving the content visible", async () => {
    const id = threadIdFrom(await newThread(await as("member2")));
    const a = await as("member");
    expect((await a.post(`/threads/${id}/report`, { reason: "Not sure about this" })).status).toBe(302);
    const report = (await Report.findOne({ subjectId: oid(id), status: "open" }).lean())!;
    expect((await (await as("member2")).post("/moderation/reports", { intent: "report", reportId: String(report._id), action: "dismiss" })).status).toBe(403);
    const res = await (await as("admin")).post("/moderation/reports", { intent: "report", reportId: String(report._id), action: "dismiss" });
    expect(res.status).toBe(302);
    expect((await Report.findById(report._id).lean())!.status).toBe("dismissed");
    expect((await new Client().get(`/threads/${id}`)).status).toBe(200);
  });
});

describe("space moderators", () => {
  it("see and settle the reports of their own spaces only", async () => {
    const { client: spaceMod, user } = await freshMember("SpaceMod");
    expect((await spaceMod.get("/moderation/reports")).status).toBe(403);
    await Space.updateOne({ slug: OTHER_SPACE }, { $addToSet: { moderatorIds: user._id } });
    try {
      const reporter = await as("member");
      const author = await as("member2");
      const mine = threadIdFrom(await newThread(author, { space: OTHER_SPACE, title: unique("In my space") }));
      const elsewhere = threadIdFrom(await newThread(author, { space: OPEN_SPACE, title: unique("Elsewhere") }));
      const mineReason = unique("Reported in my space");
      const otherReason = unique("Reported elsewhere");
      expect((await reporter.post(`/threads/${mine}/report`, { reason: mineReason })).status).toBe(302);
      expect((await reporter.post(`/threads/${elsewhere}/report`, { reason: otherReason })).status).toBe(302);

      const page = await spaceMod.get("/moderation/reports");
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(mineReason);
      expect(html).not.toContain(otherReason);
      // The space page's own link to the reports (the header's moderation item links there on every page).
      const main = (h: string) => h.slice(h.indexOf("<main"));
      expect(main(await (await spaceMod.get(`/spaces/${OTHER_SPACE}`)).text())).toContain('href="/moderation/reports"');
      expect(main(await (await spaceMod.get(`/spaces/${OPEN_SPACE}`)).text())).not.toContain('href="/moderation/reports"');

      const other = (await Report.findOne({ subjectId: oid(elsewhere), status: "open" }).lean())!;
      expect((await spaceMod.post("/moderation/reports", { intent: "report", reportId: String(other._id), action: "hide" })).status).toBe(403);
      expect((await Thread.findById(elsewhere).lean())!.hidden).toBe(false);
      const own = (await Report.findOne({ subjectId: oid(mine), status: "open" }).lean())!;
      expect((await spaceMod.post("/moderation/reports", { intent: "report", reportId: String(own._id), action: "hide", comment: "Off topic" })).status).toBe(302);
      expect((await Thread.findById(mine).lean())!.hidden).toBe(true);
      expect((await Report.findById(own._id).lean())!.status).toBe("resolved");
      // The global moderators still see everything.
      expect(await (await (await as("moderator")).get("/moderation/reports")).text()).toContain(otherReason);
    } finally {
      await Space.updateOne({ slug: OTHER_SPACE }, { $pull: { moderatorIds: user._id } });
    }
  });
});

describe("held first posts", () => {
  it("a new member's first posts in a holding space wait for approval: visible to the author with a note, 404 to others, approved from the queue", async () => {
    const admin = await as("admin");
    const slug = `held-${Date.now().toString(36)}`;
    expect((await admin.post("/spaces/new", { title: "Held space", slug, languages: ["en"], holdFirstPosts: "1" })).status).toBe(302);
    const { client, user } = await freshMember("Newcomer");
    const res = await newThread(client, { space: slug, title: unique("Held thread") });
    expect(res.status).toBe(302);
    expect(locationOf(res)).toContain("notice=held");
    const id = threadIdFrom(res);
    const own = await client.get(`/threads/${id}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("awaiting a moderator");
    expect((await new Client().get(`/threads/${id}`)).status).toBe(404);
    expect((await (await as("member")).get(`/threads/${id}`)).status).toBe(404);
    const mod = await as("moderator");
    const queue = await (await mod.get("/moderation/reports?tab=held")).text();
    expect(queue).toContain(`/threads/${id}`);
    const ok = await mod.post("/moderation/reports", { intent: "held", action: "approve", subjectType: "thread", subjectId: id });
    expect(ok.status).toBe(302);
    expect((await new Client().get(`/threads/${id}`)).status).toBe(200);
    expect((await User.findById(user._id).lean())!.postsApproved).toBe(1);
    expect(await Notification.exists({ userId: user._id, kind: "held-approved" })).toBeTruthy();

    // A held reply from the same newcomer (one approval is below the threshold of two).
    const r = await reply(client, id, "My held reply");
    const postId = postIdFrom(r);
    expect((await Post.findById(postId).lean())!.held).toBe(true);
    expect(markup(await (await new Client().get(`/threads/${id}`)).text())).not.toContain("My held reply");
    expect(markup(await (await client.get(`/threads/${id}`)).text())).toContain("My held reply");
    await mod.post(`/threads/${id}`, { intent: "mod-post", postId, action: "approve" });
    expect(markup(await (await new Client().get(`/threads/${id}`)).text())).toContain("My held reply");
    // Two approvals: the next reply goes straight through.
    const next = postIdFrom(await reply(client, id, "Straight through"));
    expect((await Post.findById(next).lean())!.held).toBe(false);
  });
});

describe("search index follows moderation", () => {
  async function findsThread(word: string, id: string) {
    const res = await fetch(`${process.env.HUB_URL ?? "http://localhost:3100"}/api/v1/search?q=${word}&type=thread`);
    if (res.status !== 200) return false;
    const body = (await res.json()) as { hits: { id: string; url: string }[] };
    return body.hits.some((h) => h.id === id || h.url === `/threads/${id}`);
  }
  async function until(check: () => Promise<boolean>, ms = 20_000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 300));
    }
    return false;
  }

  it("a reply's words are searchable through its thread, and leave the index when the reply is hidden", async () => {
    const id = threadIdFrom(await newThread(await as("member")));
    const word = `zebrafinch${Date.now().toString(36)}`;
    const postId = postIdFrom(await reply(await as("member2"), id, `A reply about ${word}`));
    expect(await until(() => findsThread(word, id))).toBe(true);
    await (await as("moderator")).post(`/threads/${id}`, { intent: "mod-post", postId, action: "hide" });
    expect(await until(async () => !(await findsThread(word, id)))).toBe(true);
  });
});
