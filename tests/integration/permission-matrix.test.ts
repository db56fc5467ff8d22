// Security regression suite (issue 15, item 6): every route that takes a POST, for every role —
// anonymous, a member who owns the content, another member, a space moderator, a moderator, an
// admin — with a valid CSRF token, against the permission table of the README (models/
// permissions.ts). The bodies carry no valid action, so an allowed role gets a validation answer
// (never a 5xx) and changes nothing, while a refused role is sent to log in (anonymous), gets a
// 403, or a 404 where the content is someone else's. GET pages by role are covered by the walk
// (tests/e2e/pages.test.ts); cross-site posts by security.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Space } from "../../models/space.server";
import { Practice } from "../../models/practice.server";
import { Client, demo } from "../helpers/http";
import { as, freshMember, newThread, OPEN_SPACE, OTHER_SPACE, postIdFrom, reply, resetPostLimits, threadIdFrom, unique } from "./discussion-fixtures";
import { db, newMemberDraft, submittedPractice } from "./practice-fixtures";

type Role = "anonymous" | "owner" | "other" | "spaceModerator" | "moderator" | "admin";
const ROLES: Role[] = ["anonymous", "owner", "other", "spaceModerator", "moderator", "admin"];
const clients = {} as Record<Role, Client>;
const signedIn: Role[] = ["owner", "other", "spaceModerator", "moderator", "admin"];
const moderators: Role[] = ["moderator", "admin"];

interface Fx {
  draftId: string;
  submittedId: string;
  threadId: string;
  ownPostId: string;
  otherPostId: string;
  spaceSlug: string;
}
let fx: Fx;

beforeAll(async () => {
  await db();
  await resetPostLimits();
  clients.anonymous = new Client();
  clients.owner = await as("member");
  clients.other = await as("member2");
  clients.moderator = await as("moderator");
  clients.admin = await as("admin");
  const sm = await freshMember("Spacemod");
  clients.spaceModerator = sm.client;
  await Space.updateOne({ slug: OTHER_SPACE }, { $addToSet: { moderatorIds: sm.user._id } });
  const draftId = await newMemberDraft(clients.owner, unique("Matrix draft"));
  const submittedId = await submittedPractice(clients.owner, unique("Matrix submitted"));
  const threadId = threadIdFrom(await newThread(clients.owner, { space: OPEN_SPACE, title: unique("Matrix thread") }));
  const ownPostId = postIdFrom(await reply(clients.owner, threadId, "The owner's reply in the matrix."));
  const otherPostId = postIdFrom(await reply(clients.other, threadId, "Another member's reply in the matrix."));
  fx = { draftId, submittedId, threadId, ownPostId, otherPostId, spaceSlug: OPEN_SPACE };
});
afterAll(async () => {
  await mongoose.disconnect();
});

/**
 * What each route's POST allows: `ok` roles pass the permission check; the others are refused
 * (`hidden`: with a 404, the content is not theirs to know about; else 403; anonymous: to log in).
 */
interface Row {
  path: (f: Fx) => string;
  ok: Role[];
  hidden?: boolean;
  body?: Record<string, string>;
}
const rows: Row[] = [
  { path: () => "/practices/new", ok: signedIn },
  { path: (f) => `/practices/${f.draftId}/edit`, ok: ["owner"], hidden: true },
  { path: (f) => `/practices/${f.draftId}/attachments`, ok: ["owner"], hidden: true },
  { path: (f) => `/moderation/practices/${f.submittedId}`, ok: moderators },
  { path: () => "/me", ok: signedIn },
  { path: () => "/me/password", ok: signedIn },
  { path: () => "/me/practices", ok: signedIn },
  { path: () => "/notifications", ok: signedIn },
  { path: (f) => `/spaces/${f.spaceSlug}/new`, ok: signedIn },
  { path: (f) => `/threads/${f.threadId}`, ok: signedIn },
  { path: (f) => `/posts/${f.ownPostId}/edit`, ok: ["owner"] },
  // its author cannot report their own reply
  { path: (f) => `/posts/${f.otherPostId}/report`, ok: ["owner", "spaceModerator", "moderator", "admin"] },
  { path: () => "/moderation/reports", ok: ["spaceModerator", "moderator", "admin"] },
  { path: () => "/admin/users", ok: ["admin"] },
  { path: () => "/admin/settings", ok: ["admin"] },
  { path: () => "/spaces/new", ok: ["admin"] },
  { path: (f) => `/spaces/${f.spaceSlug}/edit`, ok: ["admin"] },
  { path: () => "/calls/new", ok: ["admin"] },
];

async function probe(role: Role, path: string, body: Record<string, string>) {
  const res = await clients[role].post(path, { intent: "__probe__", action: "__probe__", ...body });
  return { status: res.status, location: res.headers.get("location") ?? "", text: res.status >= 400 ? await res.text() : "" };
}

describe("POST permissions by role", () => {
  it.each(rows.map((r) => [r.path({ draftId: ":draft", submittedId: ":submitted", threadId: ":thread", ownPostId: ":own-post", otherPostId: ":other-post", spaceSlug: ":space" }), r] as const))(
    "%s",
    async (_label, row) => {
      const path = row.path(fx);
      const seen: string[] = [];
      for (const role of ROLES) {
        const r = await probe(role, path, row.body ?? {});
        seen.push(`${role}:${r.status}`);
        expect(r.status, `${role} on ${path}: 5xx`).toBeLessThan(500);
        if (row.ok.includes(role)) {
          expect([401, 403, 404], `${role} is allowed on ${path} (${seen.join(" ")})`).not.toContain(r.status);
          expect(r.location, `${role} sent to log in on ${path}`).not.toMatch(/^\/login/);
        } else if (role === "anonymous") {
          expect(r.status, `anonymous on ${path}`).toBe(302);
          expect(r.location).toMatch(/^\/login/);
        } else {
          expect(r.status, `${role} on ${path} (${seen.join(" ")})`).toBe(row.hidden ? 404 : 403);
          expect(r.text).not.toMatch(/node_modules\/|\bat [\w.<>]+ \(.*:\d+:\d+\)/);
        }
      }
    },
  );

  it("changed nothing it was not allowed to", async () => {
    const draft = await Practice.findById(fx.draftId).lean();
    const submitted = await Practice.findById(fx.submittedId).lean();
    expect(draft?.status).toBe("draft");
    expect(submitted?.status).toBe("submitted");
  });

  it("deletes a draft only for its owner", async () => {
    const id = await newMemberDraft(clients.owner, unique("Matrix delete"));
    for (const role of ["other", "spaceModerator", "moderator", "admin"] as Role[]) {
      expect((await clients[role].post(`/practices/${id}/delete`, {})).status, role).toBe(404);
    }
    const anon = await clients.anonymous.post(`/practices/${id}/delete`, {});
    expect(anon.status).toBe(302);
    expect(await Practice.exists({ _id: id })).toBeTruthy();
    expect((await clients.owner.post(`/practices/${id}/delete`, {})).status).toBe(302);
    expect(await Practice.exists({ _id: id })).toBeFalsy();
  });

  it("refuses a valid-looking POST without the CSRF token for every role", async () => {
    for (const role of ROLES) {
      const res = await clients[role].post("/practices/new", { intent: "save", title: "No token" }, { csrf: false });
      expect(res.status, role).toBe(403);
    }
    expect(demo.member).toBeTruthy();
  });
});
