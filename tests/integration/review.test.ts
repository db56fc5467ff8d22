import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { htmlErrors } from "../helpers/browser";
import { eventually } from "../helpers/wait";
import { db, fullForm, newMemberDraft, unique, submittedPractice, wholeQueue } from "./practice-fixtures";
import { Practice } from "../../models/practice.server";
import { AuditEntry } from "../../models/audit.server";
import { Notification } from "../../models/notification.server";
import { PracticeRevision } from "../../models/practice-revision.server";
import { User } from "../../models/user.server";

let member: Client;
let member2: Client;
let moderator: Client;
let memberId: string;

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  member2 = await new Client().login(demo.member2);
  moderator = await new Client().login(demo.moderator);
  memberId = String((await User.findOne({ email: demo.member }).lean())!._id);
});
afterAll(async () => {
  await mongoose.disconnect();
});

const submitted = (title: string) => submittedPractice(member, title);

const decide = (c: Client, id: string, action: string, comment = "") => c.post(`/moderation/practices/${id}`, { action, comment });

describe("review permissions", () => {
  it("members cannot review: 403 on the queue, the review page and decisions", async () => {
    const id = await submitted(`Perm ${unique()}`);
    expect((await member.get("/moderation")).status).toBe(403);
    expect((await member.get(`/moderation/practices/${id}`)).status).toBe(403);
    expect((await member.post(`/moderation/practices/${id}`, { action: "publish" })).status).toBe(403);
    expect((await member2.post(`/moderation/practices/${id}`, { action: "publish" })).status).toBe(403);
    expect((await Practice.findById(id).lean())!.status).toBe("submitted");
  });
});

describe("the review workflow", () => {
  it("queue → request changes → resubmit → publish, audited and notified", async () => {
    const title = `Workflow ${unique()}`;
    const id = await submitted(title);

    const queue = await moderator.get("/moderation");
    expect(queue.status).toBe(200);
    const qhtml = await queue.text();
    expect(await wholeQueue(moderator)).toContain(title);
    expect(qhtml).toMatch(/Submitted for review \(\d+\)/);
    expect(qhtml).toContain('href="/moderation/reports"');
    expect(await htmlErrors(qhtml)).toEqual([]);
    // Filters: objective 5 and Africa match; objective 1 does not.
    expect(await wholeQueue(moderator, "status=submitted&objective=5&region=Africa")).toContain(title);
    expect(await wholeQueue(moderator, "status=submitted&objective=1")).not.toContain(title);
    expect(await wholeQueue(moderator, "status=submitted&age=30")).not.toContain(title);

    const page = await moderator.get(`/moderation/practices/${id}`);
    expect(page.status).toBe(200);
    const phtml = await page.text();
    expect(phtml).toContain("Description of what the practice does.");
    expect(phtml).toContain("First submission");
    expect(await htmlErrors(phtml)).toEqual([]);

    // A comment is required to request changes.
    expect((await decide(moderator, id, "request-changes")).status).toBe(400);
    const rc = await decide(moderator, id, "request-changes", "Please add results.");
    expect(rc.status).toBe(302);
    expect((await Practice.findById(id).lean())!.status).toBe("changes-requested");

    // Refused transitions: publishing or rejecting from "changes requested".
    expect((await decide(moderator, id, "publish")).status).toBe(409);
    expect((await decide(moderator, id, "reject", "no")).status).toBe(409);
    expect((await decide(moderator, id, "archive")).status).toBe(409);
    expect((await decide(moderator, id, "fly-away")).status).toBe(400);

    // The submitter is notified and sees the comment in the review history.
    const note = await Notification.findOne({ userId: memberId, kind: "practice-decision", "params.title": title }).lean();
    expect(note).toBeTruthy();
    expect(note!.params.action).toBe("request-changes");
    const edit = await (await member.get(`/practices/${id}/edit`)).text();
    expect(edit).toContain("Please add results.");
    expect(edit).toContain('name="intent"');

    // Member edits and resubmits.
    const re = await member.post(`/practices/${id}/edit`, { ...fullForm(title), results: "Results added.", intent: "submit" });
    expect(re.status).toBe(302);
    expect((await Practice.findById(id).lean())!.status).toBe("submitted");

    const before = (await Practice.findById(id).lean())!.version;
    expect((await decide(moderator, id, "publish", "Thanks")).status).toBe(302);
    const doc = (await Practice.findById(id).lean())!;
    expect(doc.status).toBe("published");
    expect(doc.version).toBeGreaterThan(before);
    expect(doc.publishedAt).toBeTruthy();
    expect(await PracticeRevision.countDocuments({ practiceId: id })).toBe(1);

    const audit = await AuditEntry.find({ subjectType: "practice", subjectId: id }).sort({ createdAt: 1 }).lean();
    expect(audit.map((a) => `${a.from}>${a.to}`)).toEqual([
      "draft>submitted",
      "submitted>changes-requested",
      "changes-requested>submitted",
      "submitted>published",
    ]);
    expect(audit[1].comment).toBe("Please add results.");
    expect(String(audit[1].actorId)).not.toBe(memberId);
    expect(await Notification.countDocuments({ userId: memberId, kind: "practice-decision", "params.title": title })).toBe(2);

    // Public now, and in the listing.
    const pub = await new Client().get(`/practices/${doc.slug}`);
    expect(pub.status).toBe(200);
    expect(await pub.text()).toContain("Results added.");
    // Listings read the index (the read model): the practice appears once the sync indexed it.
    const listed = async () => {
      const list = await (await fetch(`${process.env.HUB_URL ?? "http://localhost:3100"}/api/v1/practices?perPage=5`)).json();
      return list.hits.map((h: { slug: string }) => h.slug).includes(doc.slug);
    };
    expect(await eventually(listed, 20_000, "the published practice to be listed")).toBe(true);
    const history = await (await new Client().get(`/practices/${doc.slug}/history`)).text();
    expect(history).toContain("Revision 1");
  });

  it("rejects with a reason; rejected is final", async () => {
    const title = `Reject ${unique()}`;
    const id = await submitted(title);
    expect((await decide(moderator, id, "reject")).status).toBe(400);
    expect((await decide(moderator, id, "reject", "Out of scope")).status).toBe(302);
    expect((await Practice.findById(id).lean())!.status).toBe("rejected");
    expect((await decide(moderator, id, "publish")).status).toBe(409);
    expect((await member.post(`/practices/${id}/edit`, { ...fullForm(title), intent: "submit" })).status).toBe(409);
    const n = await Notification.findOne({ userId: memberId, "params.title": title, "params.action": "reject" }).lean();
    expect(n!.params.comment).toBe("Out of scope");
    const mine = await (await member.get("/me/practices")).text();
    expect(mine).toContain("Rejected");
  });

  it("edits of a published practice go through review as a new revision; history and compare", async () => {
    const title = `Revised ${unique()}`;
    const id = await submitted(title);
    expect((await decide(moderator, id, "publish")).status).toBe(302);
    const first = (await Practice.findById(id).lean())!;

    const newTitle = `${title} (second edition)`;
    const edit = await member.post(`/practices/${id}/edit`, { ...fullForm(newTitle), summary: "A new summary.", intent: "submit" });
    expect(edit.status).toBe(302);
    let doc = (await Practice.findById(id).lean())!;
    expect(doc.status).toBe("published");
    expect(doc.title).toBe(title);
    expect((doc as { pending?: { status: string } }).pending!.status).toBe("submitted");
    // The public page keeps showing the published content.
    const pub = await (await new Client().get(`/practices/${first.slug}`)).text();
    expect(pub).toContain(title);
    expect(pub).not.toContain("A new summary.");
    // The owner sees a note about the pending revision.
    expect(await (await member.get(`/practices/${first.slug}`)).text()).toContain("new revision of this practice in progress");

    // The moderator sees it in the queue and a diff against the published revision.
    expect(await wholeQueue(moderator)).toContain(newTitle);
    const review = await (await moderator.get(`/moderation/practices/${id}`)).text();
    expect(review).toMatch(/<ins>.*second.*<\/ins>/s);
    expect(review).toMatch(/<del>.*short.*<\/del>/s);

    expect((await decide(moderator, id, "publish")).status).toBe(302);
    doc = (await Practice.findById(id).lean())!;
    expect(doc.title).toBe(newTitle);
    expect((doc as { pending?: unknown }).pending ?? null).toBeNull();
    expect(doc.slug).not.toBe(first.slug);
    expect(doc.oldSlugs).toContain(first.slug);
    const old = await new Client().get(`/practices/${first.slug}`);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(`/practices/${doc.slug}`);

    const history = await (await new Client().get(`/practices/${doc.slug}/history`)).text();
    expect(history).toContain("Revision 2");
    expect(history).toContain("Revision 1");
    const cmp = await new Client().get(`/practices/${doc.slug}/compare?a=1&b=2`);
    expect(cmp.status).toBe(200);
    const chtml = await cmp.text();
    expect(chtml).toMatch(/<ins>.*new.*<\/ins>/s);
    expect(await htmlErrors(chtml)).toEqual([]);
    expect((await new Client().get(`/practices/${doc.slug}/compare?a=1&b=9`)).status).toBe(404);
    expect((await new Client().get(`/practices/${doc.slug}/compare?a=x&b=2`)).status).toBe(400);

    // Archive: no longer public.
    expect((await decide(moderator, id, "archive")).status).toBe(302);
    expect((await new Client().get(`/practices/${doc.slug}`)).status).toBe(404);
    expect((await decide(moderator, id, "unarchive")).status).toBe(302);
    expect((await new Client().get(`/practices/${doc.slug}`)).status).toBe(200);
  });
});

describe("the published tab of the queue", () => {
  it("lists a practice just published, newest first, with its owner, and counts what the index holds", async () => {
    const title = `Published tab ${unique()}`;
    const id = await submitted(title);
    expect((await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" })).status).toBe(302);
    await eventually(async () => {
      const html = (await (await moderator.get("/moderation?status=published")).text()).replace(/<!-- -->/g, "");
      const first = html.indexOf(title);
      return first > 0 && html.slice(first, first + 2000).includes("Kwame Mensah");
    }, 15_000, "the practice in the published tab");
    const html = (await (await moderator.get("/moderation?status=published&objective=5")).text()).replace(/<!-- -->/g, "");
    const total = ((await (await fetch(`${process.env.HUB_URL ?? "http://localhost:3100"}/api/v1/practices?perPage=1`)).json()) as { total: number }).total;
    expect(html).toContain(`(${total})`);
    expect(await htmlErrors(html)).toEqual([]);
  });
});
