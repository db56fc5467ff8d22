// Discussion spaces, threads, replies, quotes, mentions, follows, notifications and the
// search enqueue — against the running hub and its real database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Client, HUB } from "../helpers/http";
import { htmlErrors } from "../helpers/browser";
import { disconnectDb } from "../../models/db.server";
import { Thread } from "../../models/thread.server";
import { Post } from "../../models/post.server";
import { Notification } from "../../models/notification.server";
import { repairUnreadCounts } from "../../models/notification-counts.server";
import { User } from "../../models/user.server";
import { consumeRateLimit } from "../../models/rate-limit.server";
import { postRateKey, postRateLimit } from "../../models/posting-limits.server";
import {
  aPublishedPractice,
  as,
  CLOSED_SPACE,
  db,
  freshMember,
  locationOf,
  names,
  newThread,
  oid,
  OPEN_SPACE,
  postIdFrom,
  reply,
  spaceId,
  threadIdFrom,
  unique,
  around,
  markup,
  resetPostLimits,
  enqueuedOrIndexed,
} from "./discussion-fixtures";

beforeAll(db);
beforeEach(resetPostLimits);
afterAll(disconnectDb);

async function notificationsOf(email: string) {
  const u = await User.findOne({ email }).lean();
  return Notification.find({ userId: u!._id }).sort({ createdAt: -1 }).lean();
}

describe("spaces", () => {
  it("lists the seeded spaces with their status and dates", async () => {
    const res = await new Client().get("/spaces");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`href="/spaces/${OPEN_SPACE}"`);
    expect(html).toContain(`href="/spaces/${CLOSED_SPACE}"`);
    expect(html).toContain("Closed (read-only)");
  });

  it("a closed space is read-only: no start link, new threads and replies refused with a translated message", async () => {
    const member = await as("member");
    const page = await (await member.get(`/spaces/${CLOSED_SPACE}`)).text();
    expect(page).not.toContain(`/spaces/${CLOSED_SPACE}/new`);
    expect(page).toContain("This space is closed");
    const res = await member.post(`/spaces/${CLOSED_SPACE}/new?lng=fr`, { title: "Nouveau fil", body: "Texte", language: "fr", region: "global" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Cet espace est clos");
    await db();
    const closedThread = await Thread.findOne({ spaceId: oid(await spaceId(CLOSED_SPACE)), hidden: false }).lean();
    const threadPage = await (await member.get(`/threads/${closedThread!._id}?lng=en`)).text();
    expect(threadPage).not.toContain('name="intent" value="reply"');
    expect(threadPage).toContain("This space is closed");
    const r = await reply(member, String(closedThread!._id), "Late reply");
    expect(r.status).toBe(409);
  });

  it("admins create and edit spaces; others are refused; bad input keeps the values", async () => {
    const member = await as("member");
    expect((await member.get("/spaces/new")).status).toBe(403);
    expect((await member.post("/spaces/new", { title: "x" })).status).toBe(403);
    const admin = await as("admin");
    const bad = await admin.post("/spaces/new", { title: "No", slug: "Bad Slug!", languages: [], opensAt: "2026-13-45", moderators: "nobody@nowhere.invalid" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('value="Bad Slug!"');
    expect(badHtml).toContain("nobody@nowhere.invalid");
    expect(badHtml).toContain('aria-invalid="true"');
    expect(badHtml).toContain("Please choose at least one language.");
    const slug = `test-space-${Date.now().toString(36)}`;
    const ok = await admin.post("/spaces/new", {
      title: "Test space",
      slug,
      description: "About <b>testing</b>",
      audience: "Testers",
      languages: ["en", "fr"],
      opensAt: "2026-01-01",
      closesAt: "",
      moderators: "moderator@example.org",
    });
    expect(ok.status).toBe(302);
    expect(locationOf(ok)).toContain(`/spaces/${slug}`);
    const page = await (await new Client().get(`/spaces/${slug}`)).text();
    expect(page).toContain("About &lt;b&gt;testing&lt;/b&gt;");
    expect(page).toContain("Lucía Fernández");
    const dup = await admin.post("/spaces/new", { title: "Another", slug, languages: ["en"] });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("Another space already uses this address.");
    const edit = await admin.post(`/spaces/${slug}/edit`, { title: "Test space renamed", slug, languages: ["en"], closesAt: "2026-02-01", opensAt: "2026-01-01" });
    expect(edit.status).toBe(302);
    const after = await (await new Client().get(`/spaces/${slug}`)).text();
    expect(after).toContain("Test space renamed");
    expect(after).toContain("Closed (read-only)");
  });

  it("unknown or malformed slugs and ids are 404, never 500", async () => {
    const c = new Client();
    for (const path of ["/spaces/nope", "/spaces/%24ne", "/threads/zzz", "/threads/000000000000000000000000", "/posts/zzz", "/posts/000000000000000000000000", "/threads/zzz/report", "/posts/zzz/edit"]) {
      const res = await c.get(path);
      expect([302, 404], path).toContain(res.status);
    }
    const m = await as("member");
    for (const path of ["/threads/zzz/report", "/posts/zzz/edit", "/posts/zzz/report", "/threads/zzz/edit"]) expect((await m.get(path)).status, path).toBe(404);
  });
});

describe("threads", () => {
  it("a member starts a thread linked to a practice; both pages show the link; it is enqueued for search", async () => {
    const practice = await aPublishedPractice();
    const member = await as("member");
    const title = unique("Linked thread");
    const res = await newThread(member, { title, practices: `${HUB}/practices/${practice.slug}`, objectives: ["3", "7"] });
    expect(res.status).toBe(302);
    const id = threadIdFrom(res);
    const page = await (await new Client().get(`/threads/${id}`)).text();
    expect(page).toContain(title);
    expect(page).toContain(`href="/practices/${practice.slug}"`);
    expect(page).toContain('href="/threads?objective=7"');
    const practicePage = await (await new Client().get(`/practices/${practice.slug}`)).text();
    expect(practicePage).toContain("Discussions about this practice");
    expect(practicePage).toContain(`href="/threads/${id}"`);
    expect(await enqueuedOrIndexed(id)).toBe(true);
  });

  it("field errors keep the input; hostile markup is shown as text; unknown practices are refused", async () => {
    const member = await as("member");
    const res = await member.post(`/spaces/${OPEN_SPACE}/new`, { title: "<img src=x onerror=alert(1)>", body: "", language: "xx", region: "Atlantis", objectives: ["99"], practices: "not-a-practice-slug" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain("Please write something.");
    expect(html).toContain("Please choose objectives from the list.");
    expect(html).toContain("not-a-practice-slug");
    expect(html).not.toContain("<img src=x");
    const ok = await newThread(member, { body: '<script>alert("x")</script> and <a href="javascript:alert(1)">link</a>' });
    const id = threadIdFrom(ok);
    const page = await (await new Client().get(`/threads/${id}`)).text();
    expect(page).toContain("&lt;script&gt;alert(");
    expect(markup(page)).not.toContain('<script>alert("x")');
    expect(markup(page)).not.toMatch(/<a [^>]*href="javascript:/i);
    expect(around(markup(page), "&lt;a href=")).toContain("javascript:alert(1)"); // shown as text
  });

  it("oversized bodies get 413 and a 'too long' message; no input gives a 500", async () => {
    const member = await as("member");
    const threadId = threadIdFrom(await newThread(member));
    const big = await reply(member, threadId, "x".repeat(25_000));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("This text is too long");
    const junk = await member.post(`/threads/${threadId}`, { intent: "reply", body: "hi", bodyState: "{not json" });
    expect(junk.status).toBe(400);
    const weird = await member.post(`/threads/${threadId}`, { intent: "nonsense" });
    expect(weird.status).toBe(400);
    const badQuote = await reply(member, threadId, "quoting nothing", "zzz");
    expect(badQuote.status).toBe(400);
  });

  it("the honeypot silently drops bot posts", async () => {
    const member = await as("member");
    const title = unique("Bot thread");
    const res = await member.post(`/spaces/${OPEN_SPACE}/new`, { title, body: "spam", language: "en", region: "global", website: "http://spam.example" });
    expect(res.status).toBe(302);
    expect(await Thread.countDocuments({ title })).toBe(0);
  });

  it("authors edit (edited marker, history kept) and delete (soft) their own posts; others cannot", async () => {
    const member = await as("member");
    const member2 = await as("member2");
    const threadId = threadIdFrom(await newThread(member));
    const postId = postIdFrom(await reply(member2, threadId, "First version"));
    expect((await member.get(`/posts/${postId}/edit`)).status).toBe(403);
    expect((await member.post(`/posts/${postId}/edit`, { body: "Hijacked" })).status).toBe(403);
    expect((await member.post(`/threads/${threadId}`, { intent: "delete-post", postId })).status).toBe(403);
    const edit = await member2.post(`/posts/${postId}/edit`, { body: "Second version" });
    expect(edit.status).toBe(302);
    const page = await (await new Client().get(`/threads/${threadId}`)).text();
    expect(page).toContain("Second version");
    expect(page).not.toContain("First version");
    expect(page).toContain(">edited<");
    const stored = await Post.findById(postId).select("+history").lean();
    expect(stored!.history.map((h) => h.body?.text)).toEqual(["First version"]);
    const del = await member2.post(`/threads/${threadId}`, { intent: "delete-post", postId });
    expect(del.status).toBe(302);
    const after = await (await new Client().get(`/threads/${threadId}`)).text();
    expect(after).toContain("Deleted by its author.");
    expect(after).not.toContain("Second version");
    expect((await Post.findById(postId).lean())!.body.text).toBe("Second version"); // kept in the database
  });

  it("threads paginate and every reply has a permalink that finds its page", async () => {
    const member = await as("member");
    const threadId = threadIdFrom(await newThread(member));
    const author = await User.findOne({ email: "member2@example.org" }).lean();
    const base = Date.now() - 100_000;
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const p = await Post.create({ threadId: oid(threadId), authorId: author!._id, body: { state: "", html: `<p>Reply number ${i}</p>`, text: `Reply number ${i}` }, createdAt: new Date(base + i * 1000) });
      ids.push(String(p._id));
    }
    const page1 = await (await new Client().get(`/threads/${threadId}`)).text();
    expect(page1).toContain("Reply number 0<");
    expect(page1).not.toContain("Reply number 22<");
    expect(page1).toContain('rel="next"');
    const link = await new Client().get(`/posts/${ids[22]}`);
    expect(link.status).toBe(302);
    expect(locationOf(link)).toBe(`/threads/${threadId}?page=2#reply-${ids[22]}`);
    const page2 = await (await new Client().get(`/threads/${threadId}?page=2`)).text();
    expect(page2).toContain("Reply number 22<");
    expect(page2).toContain(`id="reply-${ids[22]}"`);
  });
});

describe("replies, quotes, mentions and notifications", () => {
  it("an edit that adds a mention notifies the newly mentioned person once", async () => {
    const a = await as("member");
    const b = await as("member2");
    const threadId = threadIdFrom(await newThread(a, { body: "Who has run a diaspora bond?" }));
    const memberId = (await User.findOne({ email: "member@example.org" }).lean())!._id;
    const postId = postIdFrom(await reply(b, threadId, "We tried something similar in Senegal."));
    await Notification.deleteMany({ userId: memberId, kind: "mention" });
    expect((await b.post(`/posts/${postId}/edit`, { body: `We tried something similar in Senegal, @${names.member} knows the details.` })).status).toBe(302);
    const mentions = await Notification.find({ userId: memberId, kind: "mention" }).lean();
    expect(mentions.map((n) => n.url)).toEqual([`/posts/${postId}`]);
    // Editing again, the mention still there: nobody is notified twice.
    expect((await b.post(`/posts/${postId}/edit`, { body: `We tried it in Senegal, @${names.member} knows the details.` })).status).toBe(302);
    expect(await Notification.countDocuments({ userId: memberId, kind: "mention" })).toBe(1);
  });

  it("B replies quoting A and mentioning @A: A gets a quote and a mention notification; the quote shows above the reply", async () => {
    const a = await as("member");
    const b = await as("member2");
    const threadId = threadIdFrom(await newThread(a, { body: "What works for information centres?" }));
    await Notification.deleteMany({ userId: (await User.findOne({ email: "member@example.org" }).lean())!._id });
    await repairUnreadCounts(); // the badge's counter, after an edit straight in the database
    const form = await (await b.get(`/threads/${threadId}?quote=${threadId}`)).text();
    expect(form).toContain(`name="quoteOf" value="${threadId}"`);
    expect(form).toContain("Quoting Kwame Mensah:");
    const res = await reply(b, threadId, `I agree, @${names.member}, and here is why.`, threadId);
    expect(res.status).toBe(302);
    const postId = postIdFrom(res);
    const kinds = (await notificationsOf("member@example.org")).map((n) => n.kind).sort();
    expect(kinds).toEqual(["mention", "quote"]);
    const page = await (await new Client().get(`/threads/${threadId}`)).text();
    expect(page).toMatch(/Kwame Mensah wrote:[\s\S]*What works for information centres\?[\s\S]*I agree/);
    expect(page).toContain(`href="/posts/${postId}"`);

    // A's notification page: unread marked in text, links to the target, mark one / all read.
    const list = await (await a.get("/notifications")).text();
    expect(list).toContain("You have 2 unread notifications.");
    expect(list).toMatch(/<strong class="unread-label">Unread(<!-- -->)?: <\/strong>/);
    // Each links through /notifications/:id, which marks it read and goes to the reply.
    const quoteNote = (await notificationsOf("member@example.org")).find((n) => n.kind === "quote")!;
    expect(quoteNote.url).toBe(`/posts/${postId}`);
    expect(list).toContain(`href="/notifications/${quoteNote._id}"`);
    expect(list).toContain("Claire Dubois quoted you in");
    expect(list).toContain("Claire Dubois mentioned you in");
    const first = (await notificationsOf("member@example.org"))[0];
    expect((await a.post("/notifications", { intent: "read", id: String(first._id) })).status).toBe(302);
    expect(await (await a.get("/notifications")).text()).toContain("You have 1 unread notification.");
    expect((await a.post("/notifications", { intent: "read-all" })).status).toBe(302);
    expect(await (await a.get("/notifications")).text()).toContain("You have no unread notifications.");
    // Someone else cannot mark A's notifications.
    const other = (await notificationsOf("member@example.org"))[0];
    await Notification.updateOne({ _id: other._id }, { $set: { readAt: null } });
    await b.post("/notifications", { intent: "read", id: String(other._id) });
    expect((await Notification.findById(other._id).lean())!.readAt).toBeNull();
  });

  it("the inbox pages without counting: 31 notifications are a full page with a next link, then one, then a 404", async () => {
    const { client, user } = await freshMember("Inbox");
    const t0 = Date.now();
    await Notification.insertMany(
      Array.from({ length: 31 }, (_, i) => ({ userId: user._id, kind: "reply", url: `/threads/${"0".repeat(23)}${i % 10}`, params: { title: `Inbox thread ${i}` }, createdAt: new Date(t0 - i * 1000) })),
    );
    const first = await (await client.get("/notifications")).text();
    expect(first.match(/<li class="notification/g)).toHaveLength(30);
    expect(first).toContain("Inbox thread 0");
    expect(first).not.toContain("Inbox thread 30");
    expect(first).toContain('<span aria-current="page">Page 1</span>');
    expect(first).toMatch(/<a [^>]*href="\/notifications\?page=2"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="\/notifications\?page=2"/);
    const second = await (await client.get("/notifications?page=2")).text();
    expect(second.match(/<li class="notification/g)).toHaveLength(1);
    expect(second).toContain("Inbox thread 30");
    expect(second).not.toContain('rel="next"');
    expect(second).toContain('rel="prev"');
    expect(await htmlErrors(second)).toEqual([]);
    const fr = await (await client.get("/notifications?page=2&lng=fr")).text();
    expect(fr).toContain('<span aria-current="page">Page 2</span>');
    expect((await client.get("/notifications?page=3")).status).toBe(404);
  });

  it("a plain reply notifies the thread's author; replies are enqueued through their thread", async () => {
    const a = await as("member");
    const b = await as("member2");
    const threadId = threadIdFrom(await newThread(a));
    const before = (await Thread.findById(threadId).lean())!;
    await reply(b, threadId, "Plain reply");
    const after = (await Thread.findById(threadId).lean())!;
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.replyCount).toBe(1);
    expect(await enqueuedOrIndexed(threadId, before.version)).toBe(true);
    const n = (await notificationsOf("member@example.org"))[0];
    expect(n.kind).toBe("reply");
    expect(n.url).toMatch(/^\/posts\/[a-f0-9]{24}$/);
  });

  it("follows: a space, an objective and a thread bring new-thread and followed-reply notifications", async () => {
    const a = await as("member");
    const b = await as("member2");
    const sid = await spaceId(OPEN_SPACE);
    const f1 = await b.post(`/spaces/${OPEN_SPACE}`, { intent: "follow", targetType: "space", targetKey: sid });
    expect(f1.status).toBe(302);
    expect(await (await b.get(`/spaces/${OPEN_SPACE}`)).text()).toContain("Following this space");
    const title = unique("Followed space thread");
    const threadId = threadIdFrom(await newThread(a, { title }));
    let n = (await notificationsOf("member2@example.org"))[0];
    expect(n.kind).toBe("new-thread");
    expect(n.url).toBe(`/threads/${threadId}`);
    await b.post(`/spaces/${OPEN_SPACE}`, { intent: "unfollow", targetType: "space", targetKey: sid });

    expect((await b.post("/threads?objective=17", { intent: "follow", targetType: "objective", targetKey: "17" })).status).toBe(302);
    expect((await b.post("/threads", { intent: "follow", targetType: "objective", targetKey: "99" })).status).toBe(400);
    const t2 = threadIdFrom(await newThread(a, { objectives: ["17"] }));
    n = (await notificationsOf("member2@example.org"))[0];
    expect(n.kind).toBe("new-thread");
    expect(n.url).toBe(`/threads/${t2}`);
    await b.post("/threads?objective=17", { intent: "unfollow", targetType: "objective", targetKey: "17" });

    const admin = await as("admin");
    await b.post(`/threads/${t2}`, { intent: "follow" });
    await reply(admin, t2, "A reply in a followed thread");
    n = (await notificationsOf("member2@example.org"))[0];
    expect(n.kind).toBe("followed-reply");
  });
});

describe("abuse limits", () => {
  it("posting is rate-limited per member with a translated message", async () => {
    const { client, user } = await freshMember("Rate");
    const threadId = threadIdFrom(await newThread(await as("member")));
    const { limit, windowMs } = postRateLimit();
    for (let i = 0; i < limit; i++) await consumeRateLimit(postRateKey(String(user._id)), limit, windowMs);
    const res = await reply(client, threadId, "One too many");
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toMatch(/You have posted a lot in a short time/);
    expect(html).toContain("One too many"); // the text is kept
  });
});

describe("valid HTML", () => {
  it("serves valid HTML on the discussion pages", async () => {
    const member = await as("member");
    const threadId = threadIdFrom(await newThread(member));
    await reply(await as("member2"), threadId, `Hello @${names.member}`, threadId);
    const mod = await as("moderator");
    const pages: [Client, string][] = [
      [new Client(), "/spaces"],
      [new Client(), `/spaces/${OPEN_SPACE}`],
      [new Client(), `/spaces/${CLOSED_SPACE}`],
      [new Client(), `/threads/${threadId}`],
      [member, `/threads/${threadId}?quote=${threadId}`],
      [member, "/notifications"],
      [member, `/spaces/${OPEN_SPACE}/new`],
      [new Client(), "/threads?objective=3"],
      [mod, `/threads/${threadId}`],
      [mod, "/moderation/reports"],
      [mod, "/moderation/reports?tab=held"],
      [mod, "/moderation/reports?tab=closed"],
      [await as("admin"), "/spaces/new"],
    ];
    for (const [c, path] of pages) {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
      const errs = await htmlErrors(await res.text());
      expect(errs, path).toEqual([]);
    }
  });
});
