// The review loop as members and moderators live it: diffs in labels (in the reader's
// language), "changes since the last submission" after request changes → edit → resubmit, the
// moderator's comment at the top of the edit page and in the notification, moderators told of
// submissions, reports and held posts with counts in the header; and the small things around
// it (a notification link marks it read, following an objective from its page, "Move to space"
// starts with no space chosen).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { htmlErrors } from "../helpers/browser";
import { db, fullForm, unique, submittedPractice } from "./practice-fixtures";
import { as, freshMember, newThread, OPEN_SPACE, OTHER_SPACE, spaceId, threadIdFrom, unique as uniqueTitle, locationOf } from "./discussion-fixtures";
import { Notification } from "../../models/notification.server";
import { Practice } from "../../models/practice.server";
import { Follow } from "../../models/follow.server";
import { Thread } from "../../models/thread.server";
import { Space } from "../../models/space.server";
import { User } from "../../models/user.server";

let member: Client;
let moderator: Client;
let memberId: string;
let moderatorId: string;

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
  memberId = String((await User.findOne({ email: demo.member }).lean())!._id);
  moderatorId = String((await User.findOne({ email: demo.moderator }).lean())!._id);
});
afterAll(async () => {
  await mongoose.disconnect();
});

const decide = (c: Client, id: string, action: string, comment = "") => c.post(`/moderation/practices/${id}`, { action, comment });

/** The HTML of the section whose heading has this id (up to the next section). */
function section(html: string, headingId: string) {
  const start = html.indexOf(`id="${headingId}"`);
  if (start < 0) return "";
  const end = html.indexOf("</section>", start);
  return html.slice(start, end);
}

/** Visible text of some HTML: no tags, no screen-reader-only markers, entities decoded. */
function text(html: string) {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<span class="visually-hidden">[^<]*<\/span>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** The header's moderation counts from its accessible name (English). */
function badge(html: string) {
  const m = /aria-label="Moderation: (?:(\d+) submissions?, )?(\d+) reports?, (\d+) held posts?"/.exec(html);
  return m ? { submissions: m[1] === undefined ? null : Number(m[1]), reports: Number(m[2]), held: Number(m[3]) } : null;
}

async function badgeOf(c: Client) {
  return badge(await (await c.get("/practices")).text());
}

/** Polls until `check` holds (counts are cached for a few seconds across processes). */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  let v = await read();
  while (!check(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    v = await read();
  }
  return v;
}

describe("the review loop", () => {
  it("request changes → the comment tops the edit page and the notification → resubmit → the moderator sees what changed since, in labels, in French", async () => {
    const title = `Loop ${unique()}`;
    const id = await submittedPractice(member, title);

    // The moderator is told of the new submission, with a link to the review page.
    const submittedNote = await Notification.findOne({ userId: moderatorId, kind: "practice-submitted", "params.title": title }).lean();
    expect(submittedNote?.url).toBe(`/moderation/practices/${id}`);
    expect(Number(submittedNote!.params.resubmitted)).toBe(0);
    // …but the submitter is not told of their own submission.
    expect(await Notification.exists({ userId: memberId, kind: "practice-submitted", "params.title": title })).toBeNull();

    // The first review: no "since the last submission" yet.
    const first = await (await moderator.get(`/moderation/practices/${id}`)).text();
    expect(first).not.toContain('id="since-last-title"');

    const comment = `Please add the results ${unique()}.`;
    expect((await decide(moderator, id, "request-changes", comment)).status).toBe(302);

    // The edit page opens with the comment, above the form.
    const edit = await (await member.get(`/practices/${id}/edit`)).text();
    const notice = edit.indexOf('id="review-comment"');
    expect(notice).toBeGreaterThan(0);
    expect(edit.indexOf(comment)).toBeGreaterThan(notice);
    expect(edit.indexOf(comment)).toBeLessThan(edit.indexOf('class="practice-form"'));
    expect(edit).toContain("A moderator has asked for changes");
    expect(await htmlErrors(edit)).toEqual([]);

    // The notification carries the comment, on the notifications page too.
    const decision = await Notification.findOne({ userId: memberId, kind: "practice-decision", "params.title": title }).lean();
    expect(decision!.params.comment).toBe(comment);
    const list = await (await member.get("/notifications")).text();
    expect(list).toContain(comment);
    expect(list).toContain("The moderator’s comment:");

    // The member changes the results, an objective, the budget band, the countries and the language.
    const re = await member.post(`/practices/${id}/edit`, {
      ...fullForm(title),
      results: "Results added after the review.",
      objectives: ["5", "16"],
      budgetRange: "250k-1m",
      countries: ["GH", "SN", "FR"],
      language: "fr",
      intent: "submit",
    });
    expect(re.status).toBe(302);
    const again = await Notification.findOne({ userId: moderatorId, kind: "practice-submitted", "params.title": title, "params.resubmitted": 1 }).lean();
    expect(again).toBeTruthy();

    const page = await (await moderator.get(`/moderation/practices/${id}?lng=en`)).text();
    const since = text(section(page, "since-last-title"));
    expect(since).toContain("Changes since the last submission");
    expect(since).toContain(comment);
    expect(since).toContain("Results added after the review.");
    expect(since).toContain("Last reviewed submission");
    // Only what changed: the unchanged summary is not a row of this diff.
    expect(since).not.toContain("A short summary of the practice for listings.");
    // Labels as the form shows them, not codes.
    expect(since).toMatch(/16\. \w/);
    expect(since).toContain("USD 250,000 – 1 million");
    expect(since).not.toContain("250k-1m");
    expect(since).toContain("France");
    expect(since).toContain("Senegal");
    expect(since).toContain("French");
    expect(await htmlErrors(page)).toEqual([]);

    // The same page in French: objective, budget band, country and language names in French.
    const fr = text(section(await (await moderator.get(`/moderation/practices/${id}?lng=fr`)).text(), "since-last-title"));
    expect(fr).toContain("Modifications depuis la dernière soumission");
    expect(fr).toContain("Dernière soumission examinée");
    expect(fr).toContain("Français");
    expect(fr).toContain("France");
    expect(fr).not.toContain("250k-1m");
    expect(fr).toContain("Sénégal");
    // The objective 16 row reads as the French form does.
    // (The practice is under review, so its own form is locked: the new-practice form has the same labels.)
    const frForm = await (await member.get("/practices/new?lng=fr")).text();
    const label16 = text(/<label for="f-obj-16">([\s\S]*?)<\/label>/.exec(frForm)![1].replace(/<!-- -->/g, ""));
    expect(label16).toMatch(/^16\. /);
    expect(fr).toContain(label16);
    const budgetFr = text(/<option value="250k-1m"[^>]*>([^<]+)<\/option>/.exec(frForm)![1]);
    expect(budgetFr).not.toBe("250k-1m");
    expect(fr).toContain(budgetFr);

    // ?lng= sticks in a cookie: back to English for the next tests.
    await member.get("/?lng=en");
    await moderator.get("/?lng=en");

    // Publishing starts afresh: the next revision is compared with the published version only.
    expect((await decide(moderator, id, "publish", "Thanks")).status).toBe(302);
  });

  it("the public compare page shows labels in the reader's language", async () => {
    const title = `Compare ${unique()}`;
    const id = await submittedPractice(member, title);
    expect((await decide(moderator, id, "publish", "ok")).status).toBe(302);
    expect((await member.post(`/practices/${id}/edit`, { ...fullForm(title), budgetRange: "1m-5m", stakeholderTypes: ["government", "local-authority"], intent: "submit" })).status).toBe(302);
    expect((await decide(moderator, id, "publish", "ok")).status).toBe(302);
    const slug = (await Practice.findById(id).lean())!.slug;
    const res = await new Client().get(`/practices/${slug}/compare?a=1&b=2&lng=fr`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const table = text(html.slice(html.indexOf('class="diff-table"'), html.indexOf("</table>")));
    expect(table).not.toContain("local-authority");
    expect(table).not.toContain("1m-5m");
    expect(table).toContain("Autorité locale");
    expect(table).toContain("1 – 5\u00a0millions\u00a0USD");
    expect(table).toContain("Gouvernement");
    expect(await htmlErrors(html)).toEqual([]);
  });
});

describe("moderators hear of what waits for them", () => {
  it("the header counts submissions, open reports and held posts, and they change", async () => {
    const before = await eventually(() => badgeOf(moderator), (b) => b !== null);
    expect(before).not.toBeNull();
    expect(before!.submissions).not.toBeNull();
    // Members have no moderation item at all.
    expect(badge(await (await member.get("/practices")).text())).toBeNull();
    expect(await (await member.get("/practices")).text()).not.toContain('href="/moderation"');

    // A submission.
    await submittedPractice(member, `Badge ${unique()}`);
    const afterSubmit = await eventually(() => badgeOf(moderator), (b) => b!.submissions === before!.submissions! + 1);
    expect(afterSubmit!.submissions).toBe(before!.submissions! + 1);

    // A report: the moderators are notified and the count goes up.
    const author = await as("member2");
    const threadId = threadIdFrom(await newThread(author, { title: uniqueTitle("Reported") }));
    const rep = await member.post(`/threads/${threadId}/report`, { reason: "Off-topic advertising" });
    expect(rep.status).toBe(302);
    expect(await Notification.exists({ userId: moderatorId, kind: "report-new", url: "/moderation/reports?tab=open" })).toBeTruthy();
    const afterReport = await eventually(() => badgeOf(moderator), (b) => b!.reports === before!.reports + 1);
    expect(afterReport!.reports).toBe(before!.reports + 1);

    // A held post in a holding space.
    const admin = await as("admin");
    const slug = `held-loop-${Date.now().toString(36)}`;
    expect((await admin.post("/spaces/new", { title: "Held loop space", slug, languages: ["en"], holdFirstPosts: "1" })).status).toBe(302);
    const { client } = await freshMember("Loop");
    const heldTitle = uniqueTitle("Held loop");
    expect(locationOf(await newThread(client, { space: slug, title: heldTitle }))).toContain("notice=held");
    expect(await Notification.exists({ userId: moderatorId, kind: "post-held", "params.thread": heldTitle })).toBeTruthy();
    const afterHeld = await eventually(() => badgeOf(moderator), (b) => b!.held === before!.held + 1);
    expect(afterHeld!.held).toBe(before!.held + 1);
    expect(await htmlErrors(await (await moderator.get("/practices")).text())).toEqual([]);
  });

  it("a space moderator's badge counts only their spaces' reports and held posts, and leads to the reports queue", async () => {
    const { client, user } = await freshMember("SpaceMod");
    await Space.updateOne({ slug: OTHER_SPACE }, { $addToSet: { moderatorIds: user._id } });
    try {
      const before = await eventually(() => badgeOf(client), (b) => b !== null);
      expect(before).not.toBeNull();
      expect(before!.submissions).toBeNull();
      expect(await (await client.get("/practices")).text()).toContain('href="/moderation/reports"');
      const author = await as("member2");
      // A report elsewhere does not count; one in their space does.
      const elsewhere = threadIdFrom(await newThread(author, { space: OPEN_SPACE, title: uniqueTitle("Elsewhere") }));
      expect((await member.post(`/threads/${elsewhere}/report`, { reason: "Not for this space" })).status).toBe(302);
      const mine = threadIdFrom(await newThread(author, { space: OTHER_SPACE, title: uniqueTitle("In my space") }));
      expect((await member.post(`/threads/${mine}/report`, { reason: "Please look at this" })).status).toBe(302);
      const after = await eventually(() => badgeOf(client), (b) => b!.reports === before!.reports + 1);
      expect(after!.reports).toBe(before!.reports + 1);
      expect(await Notification.exists({ userId: user._id, kind: "report-new", "params.thread": (await Thread.findById(mine).lean())!.title })).toBeTruthy();
      expect(await Notification.exists({ userId: user._id, kind: "report-new", "params.thread": (await Thread.findById(elsewhere).lean())!.title })).toBeNull();
    } finally {
      await Space.updateOne({ slug: OTHER_SPACE }, { $pull: { moderatorIds: user._id } });
    }
  });
});

describe("notifications, follows and moves", () => {
  it("following a notification marks it read and goes where it leads; never elsewhere", async () => {
    const n = await Notification.create({ userId: memberId, kind: "reply", url: "/threads", params: { thread: "T", actor: "A" } });
    const list = await (await member.get("/notifications")).text();
    expect(list).toContain(`href="/notifications/${n._id}"`);
    const res = await member.get(`/notifications/${n._id}`);
    expect(res.status).toBe(302);
    expect(locationOf(res)).toBe("/threads");
    expect((await Notification.findById(n._id).lean())!.readAt).not.toBeNull();

    // Someone else's notification, a malformed or unknown id: 404, nothing marked.
    const other = await Notification.create({ userId: memberId, kind: "reply", url: "/spaces", params: {} });
    expect((await (await as("member2")).get(`/notifications/${other._id}`)).status).toBe(404);
    expect((await Notification.findById(other._id).lean())!.readAt).toBeNull();
    expect((await member.get("/notifications/not-an-id")).status).toBe(404);
    expect((await member.get("/notifications/0123456789abcdef01234567")).status).toBe(404);
    // Signed out: to the log-in page.
    expect(locationOf(await new Client().get(`/notifications/${other._id}`))).toMatch(/^\/login\?redirectTo=/);

    // A stored address that is not a local path goes home, never off-site.
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example"]) {
      const x = await Notification.create({ userId: memberId, kind: "reply", url: bad, params: {} });
      expect(locationOf(await member.get(`/notifications/${x._id}`))).toBe("/");
    }
    // The no-JS "open" form goes where the stored notification leads, not to a posted address.
    const y = await Notification.create({ userId: memberId, kind: "reply", url: "/spaces", params: {} });
    const open = await member.post("/notifications", { intent: "open", id: String(y._id), url: "/\\evil.example" });
    expect(open.status).toBe(302);
    expect(locationOf(open)).toBe("/spaces");
    expect((await Notification.findById(y._id).lean())!.readAt).not.toBeNull();
  });

  it("an objective can be followed and unfollowed from its own page", async () => {
    const c = await as("member2");
    const userId = (await User.findOne({ email: demo.member2 }).lean())!._id;
    await Follow.deleteMany({ userId, targetType: "objective", targetKey: "9" });
    expect(await (await new Client().get("/objectives/9")).text()).not.toContain('name="targetType"');
    const page = await (await c.get("/objectives/9")).text();
    expect(page).toContain("Follow objective 9");
    expect(await htmlErrors(page)).toEqual([]);
    const f = await c.post("/objectives/9", { intent: "follow", targetType: "objective", targetKey: "9" });
    expect(f.status).toBe(302);
    expect(locationOf(f)).toBe("/objectives/9");
    expect(await Follow.exists({ userId, targetType: "objective", targetKey: "9" })).toBeTruthy();
    expect(await (await c.get("/objectives/9")).text()).toContain("Following objective 9");
    expect((await c.post("/objectives/9", { intent: "follow", targetType: "objective", targetKey: "99" })).status).toBe(400);
    expect((await c.post("/objectives/9", { intent: "unfollow", targetType: "objective", targetKey: "9" })).status).toBe(302);
    expect(await Follow.exists({ userId, targetType: "objective", targetKey: "9" })).toBeNull();
    // Signed out, a follow goes to the log-in page.
    expect(locationOf(await new Client().post("/objectives/9", { intent: "follow", targetType: "objective", targetKey: "9" }))).toMatch(/^\/login/);
  });

  it("'Move to space' starts with no space chosen, and a move without one is refused", async () => {
    const author = await as("member2");
    const id = threadIdFrom(await newThread(author, { title: uniqueTitle("Not moved") }));
    const html = await (await moderator.get(`/threads/${id}`)).text();
    const select = /<select id="move-to"[^>]*>([\s\S]*?)<\/select>/.exec(html);
    expect(select).not.toBeNull();
    expect(select![0]).toContain("required");
    const options = [...select![1].matchAll(/<option([^>]*)>/g)].map((m) => m[1]);
    expect(options[0]).toContain('value=""');
    expect(options.slice(1).every((o) => !/selected/.test(o))).toBe(true);
    expect(select![1]).toContain("Choose a space…");
    const from = String((await Thread.findById(id).lean())!.spaceId);
    const res = await moderator.post(`/threads/${id}`, { intent: "mod-thread", action: "move", toSpaceId: "" });
    expect(res.status).toBe(400);
    expect(String((await Thread.findById(id).lean())!.spaceId)).toBe(from);
    expect(from).toBe(await spaceId(OPEN_SPACE));
  });
});
