// Helpers shared by the discussion tests: real HTTP through Client, plus direct reads of the
// real database to check what the pages cannot show (history, outbox, audit).
import { Types } from "mongoose";
import { Client, demo } from "../helpers/http";
import { connectDb } from "../../models/db.server";
import { User } from "../../models/user.server";
import { hashPassword } from "../../models/password.server";
import { Space } from "../../models/space.server";
import { Practice } from "../../models/practice.server";

export const OPEN_SPACE = "repository-peer-exchange";
export const OTHER_SPACE = "migration-data-community";
export const CLOSED_SPACE = "regional-consultation-africa-2024";
export const names = { member: "Kwame Mensah", member2: "Claire Dubois" };

export async function db() {
  await connectDb(process.env.MONGODB_URI);
}

export async function as(who: keyof typeof demo) {
  return new Client().login(demo[who]);
}

let n = 0;
export const unique = (s: string) => `${s} ${Date.now().toString(36)}-${++n}`;

export function locationOf(res: Response) {
  return res.headers.get("location") ?? "";
}

export function threadIdFrom(res: Response) {
  const m = locationOf(res).match(/\/threads\/([a-f0-9]{24})/);
  if (!m) throw new Error(`no thread id in ${res.status} ${locationOf(res)}`);
  return m[1];
}

export function postIdFrom(res: Response) {
  const m = locationOf(res).match(/\/posts\/([a-f0-9]{24})/);
  if (!m) throw new Error(`no post id in ${res.status} ${locationOf(res)}`);
  return m[1];
}

export async function newThread(c: Client, opts: { space?: string; title?: string; body?: string; objectives?: string[]; practices?: string } = {}) {
  const res = await c.post(`/spaces/${opts.space ?? OPEN_SPACE}/new`, {
    title: opts.title ?? unique("A thread"),
    body: opts.body ?? "Opening message of the discussion.",
    language: "en",
    region: "global",
    objectives: opts.objectives ?? ["3"],
    practices: opts.practices ?? "",
  });
  return res;
}

export async function reply(c: Client, threadId: string, body: string, quoteOf?: string) {
  return c.post(`/threads/${threadId}`, { intent: "reply", body, ...(quoteOf ? { quoteOf } : {}) });
}

/** A fresh member created straight in the database (registration belongs to another area). */
export async function freshMember(label = "Fresh") {
  await db();
  const email = `${label.toLowerCase()}-${Date.now().toString(36)}-${++n}@example.org`;
  const user = await User.create({ email, displayName: unique(label), passwordHash: await hashPassword("practice-hub-demo"), roles: ["member"], emailVerifiedAt: new Date() });
  const c = await new Client().login(email);
  return { client: c, user, email };
}

export async function spaceId(slug: string) {
  await db();
  const s = await Space.findOne({ slug }).lean();
  return String(s!._id);
}

export async function aPublishedPractice() {
  await db();
  const p = await Practice.findOne({ status: "published" }).sort({ slug: 1 }).lean();
  return { slug: p!.slug, id: String(p!._id), title: p!.title };
}

export const oid = (s: string) => new Types.ObjectId(s);

/** Short context around a string in a page (keeps failure messages readable). */
export function around(html: string, s: string, n = 120) {
  const i = html.indexOf(s);
  return i < 0 ? "" : html.slice(Math.max(0, i - n), i + s.length + n);
}
/** Page HTML without the scripts (loader data is JSON there, not markup). */
export function markup(html: string) {
  return html.replace(/<script[\s\S]*?<\/script>/g, "");
}

/** The demo accounts post a lot across the suites: start each test with fresh posting budgets. */
export async function resetPostLimits() {
  const { resetRateLimit } = await import("../../models/rate-limit.server");
  const { postRateKey, postRateLimit } = await import("../../models/posting-limits.server");
  await db();
  const users = await User.find({ email: { $in: Object.values(demo) } }).select("_id").lean();
  for (const u of users) await resetRateLimit(postRateKey(String(u._id)), postRateLimit().windowMs);
}

/**
 * The thread was handed to the search sync: an outbox entry is waiting, or the worker has
 * already consumed it and recorded that version in searchindexstates (with version past `since`).
 */
export async function enqueuedOrIndexed(threadId: string, since = 0, ms = 15_000) {
  const { Thread } = await import("../../models/thread.server");
  const { SearchOutbox } = await import("../../search/outbox.server");
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const t = await Thread.findById(threadId).select("version").lean();
    if (t && t.version > since) {
      if (await SearchOutbox.exists({ kind: "thread", docId: new Types.ObjectId(threadId) })) return true;
      // Already consumed: the sync records what it indexed in its own collection (decision 005).
      const state = await Thread.db.collection("searchindexstates").findOne({ _id: `thread:${threadId}` as never });
      if (state && Number(state.version) >= t.version) return true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
