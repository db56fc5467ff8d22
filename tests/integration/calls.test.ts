// Calls for practices (issue 12, part 4): admins publish calls, members answer them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { db, fullForm, newMemberDraft, unique, wholeQueue } from "./practice-fixtures";
import { Practice } from "../../models/practice.server";
import { AuditEntry } from "../../models/audit.server";
import { Call } from "../../models/call.server";
import { eventually } from "../helpers/wait";
import { Follow } from "../../models/follow.server";
import { Notification } from "../../models/notification.server";
import { User } from "../../models/user.server";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { atomErrors } from "../helpers/xml-schema";

const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "category"].includes(name) });

let admin: Client;
let member: Client;
let moderator: Client;

beforeAll(async () => {
  await db();
  admin = await new Client().login(demo.admin);
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
});
afterAll(async () => {
  await mongoose.disconnect();
});

/** Whether the form's `name`/`value` checkbox is checked (null when it is not there). */
function checked(html: string, name: string, value: string): boolean | null {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"[^>]*>`).exec(html)?.[0];
  return tag ? /\schecked(=|\s|\/|>)/.test(tag) : null;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function callForm(title: string, extra: Record<string, string | string[]> = {}) {
  return { title_en: title, description_en: "First paragraph.\n\nSecond paragraph.", objectives: ["5", "7"], regions: ["Africa"], opensAt: day(-3), closesAt: day(30), contactName: "Call Desk", contactEmail: "calls@example.org", ...extra };
}

async function createCall(title: string, extra: Record<string, string | string[]> = {}) {
  const res = await admin.post("/calls/new", callForm(title, extra));
  expect(res.status).toBe(302);
  const slug = /^\/calls\/([a-z0-9-]+)\?/.exec(res.headers.get("location") ?? "")?.[1];
  expect(slug).toBeTruthy();
  const call = await Call.findOne({ slug }).lean();
  return { slug: slug!, id: String(call!._id) };
}

/** A member's practice answering `callId`, submitted and published by a moderator. */
async function publishedAnswer(title: string, callId: string) {
  const id = await newMemberDraft(member, title, { callId });
  const sub = await member.post(`/practices/${id}/edit`, { ...fullForm(title), callId, intent: "submit" });
  expect(sub.status).toBe(302);
  const pub = await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" });
  expect(pub.status).toBeLessThan(400);
  expect((await Practice.findById(id).lean())!.status).toBe("published");
  return id;
}

describe("admins publish calls", () => {
  it("refuses non-admins with 403, and bad dates with a translated field error", async () => {
    expect((await member.get("/calls/new")).status).toBe(403);
    expect((await member.post("/calls/new", callForm(`Nope ${unique()}`))).status).toBe(403);
    expect((await moderator.post("/calls/new", callForm(`Nope ${unique()}`))).status).toBe(403);
    const title = `Bad dates ${unique()}`;
    const bad = await admin.post("/calls/new", callForm(title, { opensAt: day(10), closesAt: day(5) }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("The closing date must come after the opening date.");
    expect(html).toContain(title); // values come back
    expect(await Call.countDocuments({ "title.en": title })).toBe(0);
    const invalid = await admin.post("/calls/new", callForm(title, { closesAt: "2026-13-40", objectives: ["99"] }));
    expect(invalid.status).toBe(400);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain("Enter a date as YYYY-MM-DD.");
    expect(invalidHtml).toContain("Choose from the list.");
  });

  it("creates a call (audited), shows it on /calls and its page, and edits it", async () => {
    const title = `Decent work call ${unique()}`;
    const { slug, id } = await createCall(title);
    expect(await AuditEntry.countDocuments({ subjectType: "call", subjectId: id, action: "call-create" })).toBe(1);
    const list = await (await member.get("/calls")).text();
    expect(list).toContain(title);
    expect(await (await member.get("/practices/new")).text()).toContain(title);
    const page = await (await member.get(`/calls/${slug}`)).text();
    expect(page).toContain("Second paragraph.");
    expect(page).toMatch(/\d+ days left/);
    expect(page).toContain(`/practices/new?call=${slug}`);
    const edit = await admin.post(`/calls/${slug}/edit`, callForm(`${title} (edited)`, { slug }));
    expect(edit.status).toBe(302);
    expect((await Call.findById(id).lean())!.title.en).toBe(`${title} (edited)`);
    // the calls are kept for a few seconds (decision 065): a change shows at once all the same
    expect(await (await member.get("/calls")).text()).toContain(`${title} (edited)`);
    expect(await (await member.get("/practices/new")).text()).toContain(`${title} (edited)`);
    expect(await AuditEntry.countDocuments({ subjectType: "call", subjectId: id, action: "call-update" })).toBe(1);
    expect((await member.post(`/calls/${slug}/edit`, callForm(title, { slug }))).status).toBe(403);
  });

  it("/calls/new pre-fills the objective and region an /insights gap links with", async () => {
    const html = await (await admin.get("/calls/new?objective=9&region=Asia")).text();
    expect(checked(html, "objectives", "9")).toBe(true);
    expect(checked(html, "regions", "Asia")).toBe(true);
    expect(checked(html, "objectives", "8")).toBe(false);
  });
});

describe("answering a call", () => {
  it("/practices/new?call= preselects the call and pre-fills its objectives", async () => {
    const { slug, id } = await createCall(`Prefill ${unique()}`, { objectives: ["12", "14"] });
    const html = await (await member.get(`/practices/new?call=${slug}`)).text();
    expect(new RegExp(`<option[^>]*value="${id}"[^>]*selected`).test(html)).toBe(true);
    expect(checked(html, "objectives", "12")).toBe(true);
    expect(checked(html, "objectives", "14")).toBe(true);
    expect(checked(html, "objectives", "13")).toBe(false);
  });

  it("refuses a submission to a closed call with the message, warns on a draft, refuses an unknown call", async () => {
    const callTitle = `Closed call ${unique()}`;
    const { id: callId } = await createCall(callTitle, { opensAt: "2020-01-01", closesAt: "2020-02-01" });
    const title = `Late answer ${unique()}`;
    const res = await member.post("/practices/new", { ...fullForm(title), callId, intent: "submit" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`The call “${callTitle}” closed on`);
    expect(html).toContain("calls@example.org");
    expect(await Practice.countDocuments({ title })).toBe(0);
    // A draft is saved but tells them.
    const draftId = await newMemberDraft(member, title, { callId });
    expect(String((await Practice.findById(draftId).lean())!.callId)).toBe(callId);
    const edit = await (await member.get(`/practices/${draftId}/edit`)).text();
    expect(edit).toContain(`the call “${callTitle}” closed on`);
    const submit = await member.post(`/practices/${draftId}/edit`, { ...fullForm(title), callId, intent: "submit" });
    expect(submit.status).toBe(400);
    expect((await Practice.findById(draftId).lean())!.status).toBe("draft");
    const unknown = await member.post("/practices/new", { ...fullForm(title), callId: new mongoose.Types.ObjectId().toHexString(), intent: "save" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("This call does not exist.");
  });

  it("the call page lists exactly its published answers", async () => {
    const { slug, id } = await createCall(`Answers ${unique()}`);
    const { id: otherId } = await createCall(`Other ${unique()}`);
    const mine = `Answer A ${unique()}`;
    const draft = `Draft B ${unique()}`;
    const other = `Other C ${unique()}`;
    await publishedAnswer(mine, id);
    await newMemberDraft(member, draft, { callId: id });
    await publishedAnswer(other, otherId);
    expect(await Practice.countDocuments({ callId: id, status: "published" })).toBe(1);
    // The page reads the index (synced from the outbox): wait until the answer is there.
    const page = await eventually(async () => {
      const html = await (await member.get(`/calls/${slug}`)).text();
      return html.includes(mine) ? html : null;
    }, 20_000, "the answer on the call page");
    expect(page).toContain(mine);
    expect(page).not.toContain(draft);
    expect(page).not.toContain(other);
    expect(page).toContain("1 published practice");
    // Its answers' pages: past the end a 404, a page that is not a number the first page.
    expect((await member.get(`/calls/${slug}?page=2`)).status).toBe(404);
    expect((await member.get(`/calls/${slug}?page=abc`)).status).toBe(200);
    // The same answers through the search API's call filter; an unknown call is a 400.
    const api = (await (await member.get(`/api/v1/search?call=${slug}`)).json()) as { total: number; hits: { title: string }[] };
    expect(api.total).toBe(1);
    expect(api.hits.map((h) => h.title)).toEqual([mine]);
    expect((await member.get("/api/v1/search?call=no-such-call")).status).toBe(400);
    const search = await (await member.get(`/search?call=${slug}`)).text();
    expect(search).toContain(mine);
    expect(search).not.toContain(other);
    // The search form keeps the call when other filters change, and shows it as a removable chip.
    expect(search).toMatch(new RegExp(`<input type="hidden" name="call" value="${slug}"/>`));
    expect(search).toContain(`Call for practices`);
    const withFilter = await (await member.get(`/search?call=${slug}&objective=5`)).text();
    expect(withFilter).toContain(`name="call" value="${slug}"`);
    // Removing the call chip keeps the other filter and drops the call.
    const chips = [...withFilter.matchAll(/<a class="search-chip"[^>]*href="([^"]*)"|<a[^>]*href="([^"]*)"[^>]*class="search-chip"/g)].map((m) => (m[1] ?? m[2]).replace(/&amp;/g, "&"));
    expect(chips).toContain("/search?objective=5");
    expect(chips).toContain(`/search?call=${slug}`);
  });

  it("the call's Atom feed lists exactly its published answers, and the call and practice pages link each other", async () => {
    const hostile = `Feed <b>&amp; "call" ${unique()}`;
    const { slug, id } = await createCall(hostile);
    const { id: otherId } = await createCall(`Feed other ${unique()}`);
    const mine = `Feed answer <i>x</i> & ${unique()}`;
    const other = `Feed elsewhere ${unique()}`;
    const draft = `Feed draft ${unique()}`;
    const mineId = await publishedAnswer(mine, id);
    await publishedAnswer(other, otherId);
    await newMemberDraft(member, draft, { callId: id });
    const res = await member.get(`/feeds/calls/${slug}.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const text = await res.text();
    expect(XMLValidator.validate(text)).toBe(true);
    expect(atomErrors(text)).toEqual([]);
    const feed = atom.parse(text).feed;
    expect(feed.title["#text"] ?? feed.title).toContain(hostile);
    expect((feed.entry ?? []).map((e: { id: string }) => e.id.replace(/^.*practice:/, ""))).toEqual([mineId]);
    expect(feed.entry[0].title["#text"] ?? feed.entry[0].title).toBe(mine);
    expect((await member.get("/feeds/calls/no-such-call.xml")).status).toBe(404);
    expect((await member.get("/feeds/calls/..%2Fetc.xml")).status).toBe(404);
    // The call page announces and links its feed; the answer's page names and links the call.
    const page = await (await member.get(`/calls/${slug}`)).text();
    const head = page.split("</head>")[0];
    expect(head).toMatch(new RegExp(`<link[^>]*rel="alternate"[^>]*href="/feeds/calls/${slug}.xml"`));
    expect(page.split("</head>")[1]).toContain(`href="/feeds/calls/${slug}.xml"`);
    const practice = await Practice.findById(mineId).lean();
    const pp = await (await member.get(`/practices/${practice!.slug}`)).text();
    expect(pp).toContain("Submitted in answer to the call for practices");
    expect(pp).toContain(`href="/calls/${slug}"`);
    expect(pp).toContain("Feed &lt;b&gt;&amp;amp; &quot;call&quot;");
  });
});

describe("moderation by call", () => {
  it("the queue filters by ?call= and the review page names the call", async () => {
    const callTitle = `Queue call ${unique()}`;
    const { slug, id } = await createCall(callTitle);
    const answering = `Answering ${unique()}`;
    const unrelated = `Unrelated ${unique()}`;
    const a = await newMemberDraft(member, answering, { callId: id });
    expect((await member.post(`/practices/${a}/edit`, { ...fullForm(answering), callId: id, intent: "submit" })).status).toBe(302);
    const b = await newMemberDraft(member, unrelated);
    expect((await member.post(`/practices/${b}/edit`, { ...fullForm(unrelated), intent: "submit" })).status).toBe(302);
    const all = await wholeQueue(moderator, "status=submitted");
    expect(all).toContain(answering);
    expect(all).toContain(unrelated);
    const filtered = await wholeQueue(moderator, `status=submitted&call=${slug}`);
    expect(filtered).toContain(answering);
    expect(filtered).not.toContain(unrelated);
    const review = await (await moderator.get(`/moderation/practices/${a}`)).text();
    expect(review).toContain(callTitle);
    expect(review).toContain(`/calls/${slug}`);
    expect(await (await moderator.get(`/moderation/practices/${b}`)).text()).not.toContain(callTitle);
  });
});


describe("opening notifications", () => {
  it("followers of one of its objectives are told once when a call opens; upcoming calls wait", async () => {
    const member2 = await User.findOne({ email: demo.member2 }).lean();
    const userId = member2!._id;
    await Follow.updateOne({ userId, targetType: "objective", targetKey: "22" }, { $setOnInsert: { userId, targetType: "objective", targetKey: "22" } }, { upsert: true });
    const before = await Notification.countDocuments({ userId, kind: "call-opened" });
    const upcoming = await createCall(`Later ${unique()}`, { objectives: ["22"], opensAt: day(5), closesAt: day(40) });
    expect(await Notification.countDocuments({ userId, kind: "call-opened" })).toBe(before);
    const title = `Portability ${unique()}`;
    const { slug } = await createCall(title, { objectives: ["22"] });
    const notes = await Notification.find({ userId, kind: "call-opened", url: `/calls/${slug}` }).lean();
    expect(notes).toHaveLength(1);
    // An edit does not tell them again.
    expect((await admin.post(`/calls/${slug}/edit`, callForm(`${title} edited`, { slug, objectives: ["22"] }))).status).toBe(302);
    expect(await Notification.countDocuments({ userId, kind: "call-opened", url: `/calls/${slug}` })).toBe(1);
    expect(await Notification.countDocuments({ userId, kind: "call-opened", url: `/calls/${upcoming.slug}` })).toBe(0);
    await Follow.deleteOne({ userId, targetType: "objective", targetKey: "22" });
  });
});
