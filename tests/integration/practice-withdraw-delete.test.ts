// Owners take a submission back from review, and delete practices that were never published;
// nothing published or under review can be deleted, nobody else's, and the audit log remembers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { AuditEntry } from "../../models/audit.server";
import { Practice } from "../../models/practice.server";
import { htmlErrors } from "../helpers/browser";
import { Client, demo } from "../helpers/http";
import { db, fullForm, newMemberDraft, unique, submittedPractice, wholeQueue } from "./practice-fixtures";

let member: Client;
let member2: Client;
let moderator: Client;

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  member2 = await new Client().login(demo.member2);
  moderator = await new Client().login(demo.moderator);
});
afterAll(async () => {
  await mongoose.disconnect();
});

const submitted = (title: string) => submittedPractice(member, title);

describe("withdrawing a submission", () => {
  it("puts it back in the owner's drafts and out of the moderation queue", async () => {
    const title = `Withdraw ${unique()}`;
    const id = await submitted(title);
    expect(await wholeQueue(moderator, "status=submitted")).toContain(title);
    const list = await (await member.get("/me/practices")).text();
    expect(list).toContain(`Withdraw from review: ${title}`);

    expect((await member2.post("/me/practices", { intent: "withdraw", id })).status).toBe(404);
    const res = await member.post("/me/practices", { intent: "withdraw", id });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/me/practices?withdrawn=1");
    expect((await Practice.findById(id).lean())!.status).toBe("draft");
    expect(await wholeQueue(moderator, "status=submitted")).not.toContain(title);
    expect(await AuditEntry.findOne({ subjectId: id, action: "withdraw", from: "submitted", to: "draft" }).lean()).toBeTruthy();
    const notice = await (await member.get("/me/practices?withdrawn=1&lng=fr")).text();
    expect(notice).toContain("revenue dans vos brouillons");
    await member.get("/me/practices?lng=en"); // back to English for the rest

    // Twice: nothing left to withdraw — a translated refusal, not a 500.
    const again = await member.post("/me/practices", { intent: "withdraw", id });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("no longer waiting for review");
    expect((await member.post("/me/practices", { intent: "nonsense", id })).status).toBe(400);
  });
});

describe("deleting a practice", () => {
  it("asks for confirmation, then deletes a draft for good and records it", async () => {
    const title = `Delete me ${unique()}`;
    const id = await newMemberDraft(member, title);
    const page = await member.get(`/practices/${id}/delete`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Delete this practice?");
    expect(html).toContain(title);
    expect(await htmlErrors(html)).toEqual([]);

    // Nobody else sees or deletes it.
    expect((await member2.get(`/practices/${id}/delete`)).status).toBe(404);
    expect((await member2.post(`/practices/${id}/delete`, {})).status).toBe(404);
    expect((await new Client().post(`/practices/${id}/delete`, {})).status).toBe(302); // to log in
    expect(await Practice.findById(id).lean()).toBeTruthy();

    const res = await member.post(`/practices/${id}/delete`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/me/practices?deleted=1");
    expect(await Practice.findById(id).lean()).toBeNull();
    const entry = await AuditEntry.findOne({ subjectId: id, action: "delete" }).lean();
    expect(entry?.comment).toBe(title);
    expect((await member.get(`/practices/${id}/delete`)).status).toBe(404);
  });

  it("refuses practices under review or published", async () => {
    const title = `Keep me ${unique()}`;
    const id = await submitted(title);
    const page = await member.get(`/practices/${id}/delete`);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("can no longer be deleted");
    expect((await member.post(`/practices/${id}/delete`, {})).status).toBe(409);
    expect(await Practice.findById(id).lean()).toBeTruthy();
    expect(await (await member.get("/me/practices")).text()).not.toContain(`Delete: ${title}`);

    // Published (set directly; not indexed) — and put back, so the search tests' counts hold.
    await Practice.updateOne({ _id: id }, { $set: { status: "published", publishedAt: new Date() } });
    try {
      expect((await member.post(`/practices/${id}/delete`, {})).status).toBe(409);
      expect(await Practice.findById(id).lean()).toBeTruthy();
    } finally {
      await Practice.updateOne({ _id: id }, { $set: { status: "submitted", publishedAt: null } });
    }
  });
});
