// One post per form render: a reply or thread form submitted twice with the same idempotency
// key — one after the other (resubmit, retry) or at the same time (double click) — creates one
// reply or thread, and every submission is sent to it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "../helpers/http";
import { disconnectDb } from "../../models/db.server";
import { Post } from "../../models/post.server";
import { Thread } from "../../models/thread.server";
import { IdempotencyKey } from "../../models/idempotency.server";
import { as, db, locationOf, newThread, oid, OPEN_SPACE, resetPostLimits, threadIdFrom, unique } from "./discussion-fixtures";

beforeAll(db);
beforeEach(resetPostLimits);
afterAll(disconnectDb);

/** The idempotency key of the form that `path` renders for `c`. */
async function formKey(c: Client, path: string) {
  const html = await (await c.get(path)).text();
  const m = html.match(/name="idempotencyKey" value="([^"]+)"/);
  if (!m) throw new Error(`no idempotency key on ${path}`);
  return m[1];
}

const replyForm = (body: string, key: string) => ({ intent: "reply", body, idempotencyKey: key });
const threadForm = (title: string, key: string) => ({ title, body: "Opening message.", language: "en", region: "global", objectives: ["3"], practices: "", idempotencyKey: key });

describe("idempotency keys", () => {
  let member: Client;
  let threadId: string;
  beforeAll(async () => {
    member = await as("member");
    threadId = threadIdFrom(await newThread(member));
  });
  const repliesWith = (text: string) => Post.countDocuments({ threadId: oid(threadId), "body.text": { $regex: text } });

  it("every render of the reply form carries a new key", async () => {
    const a = await formKey(member, `/threads/${threadId}`);
    const b = await formKey(member, `/threads/${threadId}`);
    expect(a).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(b).not.toBe(a);
  });

  it("a reply submitted twice, one after the other, is posted once; both go to it", async () => {
    const key = await formKey(member, `/threads/${threadId}`);
    const text = unique("Sequential reply");
    const first = await member.post(`/threads/${threadId}`, replyForm(text, key));
    const second = await member.post(`/threads/${threadId}`, replyForm(text, key));
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(locationOf(first)).toMatch(/^\/posts\/[a-f0-9]{24}$/);
    expect(locationOf(second)).toBe(locationOf(first));
    expect(await repliesWith(text)).toBe(1);
    // A new render of the form posts a new reply.
    const next = await member.post(`/threads/${threadId}`, replyForm(text, await formKey(member, `/threads/${threadId}`)));
    expect(locationOf(next)).not.toBe(locationOf(first));
    expect(await repliesWith(text)).toBe(2);
  });

  it("five concurrent submissions with one key post one reply", async () => {
    const key = await formKey(member, `/threads/${threadId}`);
    const text = unique("Concurrent reply");
    const answers = await Promise.all(Array.from({ length: 5 }, () => member.post(`/threads/${threadId}`, replyForm(text, key))));
    expect(answers.map((r) => r.status)).toEqual([302, 302, 302, 302, 302]);
    expect(new Set(answers.map(locationOf)).size).toBe(1);
    expect(await repliesWith(text)).toBe(1);
  });

  it("a submission refused for invalid input does not use the key up", async () => {
    const key = await formKey(member, `/threads/${threadId}`);
    expect((await member.post(`/threads/${threadId}`, replyForm("", key))).status).toBe(400);
    const text = unique("Corrected reply");
    const ok = await member.post(`/threads/${threadId}`, replyForm(text, key));
    expect(ok.status).toBe(302);
    expect(await repliesWith(text)).toBe(1);
  });

  it("the key is the user's: another member's submission with it posts their own reply", async () => {
    const key = await formKey(member, `/threads/${threadId}`);
    const text = unique("Two members");
    const mine = await member.post(`/threads/${threadId}`, replyForm(text, key));
    const theirs = await (await as("member2")).post(`/threads/${threadId}`, replyForm(text, key));
    expect(locationOf(theirs)).not.toBe(locationOf(mine));
    expect(await repliesWith(text)).toBe(2);
  });

  it("a new thread submitted twice, and five times at once, is created once", async () => {
    const path = `/spaces/${OPEN_SPACE}/new`;
    const title = unique("Idempotent thread");
    const key = await formKey(member, path);
    const first = await member.post(path, threadForm(title, key));
    const again = await member.post(path, threadForm(title, key));
    expect(first.status).toBe(302);
    expect(locationOf(first)).toMatch(/^\/threads\/[a-f0-9]{24}$/);
    expect(locationOf(again)).toBe(locationOf(first));
    expect(await Thread.countDocuments({ title })).toBe(1);

    const title2 = unique("Concurrent thread");
    const key2 = await formKey(member, path);
    const answers = await Promise.all(Array.from({ length: 5 }, () => member.post(path, threadForm(title2, key2))));
    expect(answers.map((r) => r.status)).toEqual([302, 302, 302, 302, 302]);
    expect(new Set(answers.map(locationOf)).size).toBe(1);
    expect(await Thread.countDocuments({ title: title2 })).toBe(1);
  });

  it("keys are stored with an expiry, indexed", async () => {
    const doc = await IdempotencyKey.findOne().sort({ createdAt: -1 }).lean();
    expect(doc!.expiresAt.getTime() - doc!.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
    const indexes = await IdempotencyKey.collection.indexes();
    expect(indexes.some((i) => i.key.expiresAt === 1)).toBe(true);
  });
});
