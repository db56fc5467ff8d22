// Who may pin, lock, hide, edit, delete, reply, report and see — table-driven.
import { describe, expect, it } from "vitest";
import { canDelete, canEdit, canModerate, canReply, canReport, canSee, canStartThread, replyRefusal, spaceOpen, type Actor } from "./thread-rules";

const admin: Actor = { id: "a", roles: ["member", "moderator", "admin"] };
const moderator: Actor = { id: "m", roles: ["member", "moderator"] };
const author: Actor = { id: "u1", roles: ["member"] };
const other: Actor = { id: "u2", roles: ["member"] };
const spaceMod: Actor = { id: "sm", roles: ["member"] };
const anon = null;

const day = 86_400_000;
const open = { moderatorIds: ["sm"], opensAt: new Date(Date.now() - day), closesAt: null };
const closed = { moderatorIds: ["sm"], opensAt: new Date(Date.now() - 10 * day), closesAt: new Date(Date.now() - day) };
const notYet = { moderatorIds: [], opensAt: new Date(Date.now() + day), closesAt: null };
const thread = { authorId: "u1", locked: false };
const locked = { authorId: "u1", locked: true };
const post = { authorId: "u1" };
const deleted = { authorId: "u1", deletedAt: new Date() };
const hidden = { authorId: "u1", hidden: true };
const held = { authorId: "u1", held: true };

describe("moderation: pin, lock, move, hide", () => {
  it.each([
    ["admin", admin, true],
    ["moderator", moderator, true],
    ["space moderator", spaceMod, true],
    ["author", author, false],
    ["other member", other, false],
    ["anonymous", anon, false],
  ] as const)("%s → %s", (_n, actor, expected) => {
    expect(canModerate(actor, open)).toBe(expected);
  });
  it("a space moderator moderates only their own space", () => {
    expect(canModerate(spaceMod, { moderatorIds: ["someone-else"] })).toBe(false);
  });
});

describe("edit", () => {
  it.each([
    ["author, open thread", author, post, thread, open, true],
    ["other member", other, post, thread, open, false],
    ["moderator (hides instead)", moderator, post, thread, open, false],
    ["anonymous", anon, post, thread, open, false],
    ["author, locked thread", author, post, locked, open, false],
    ["author, closed space", author, post, thread, closed, false],
    ["author, deleted post", author, deleted, thread, open, false],
    ["author, hidden post", author, hidden, thread, open, false],
    ["author, held post", author, held, thread, open, true],
  ] as const)("%s → %s", (_n, actor, doc, th, space, expected) => {
    expect(canEdit(actor, doc, th, space)).toBe(expected);
  });
});

describe("delete (soft, by the author)", () => {
  it.each([
    ["author", author, post, open, true],
    ["other member", other, post, open, false],
    ["admin", admin, post, open, false],
    ["author, already deleted", author, deleted, open, false],
    ["author, hidden", author, hidden, open, false],
    ["author, closed space", author, post, closed, false],
  ] as const)("%s → %s", (_n, actor, doc, space, expected) => {
    expect(canDelete(actor, doc, space)).toBe(expected);
  });
});

describe("reply, start, report, see", () => {
  it.each([
    ["member, open", other, thread, open, true],
    ["anonymous", anon, thread, open, false],
    ["member, locked", other, locked, open, false],
    ["moderator, locked", moderator, locked, open, false],
    ["member, closed", other, thread, closed, false],
    ["member, not yet open", other, thread, notYet, false],
    ["member, hidden thread", other, { ...thread, hidden: true }, open, false],
  ] as const)("reply: %s → %s", (_n, actor, th, space, expected) => {
    expect(canReply(actor, th, space)).toBe(expected);
  });
  it("says why replies are refused", () => {
    expect(replyRefusal(locked, open)).toBe("locked");
    expect(replyRefusal(thread, closed)).toBe("closed");
    expect(replyRefusal(locked, closed)).toBe("closed");
    expect(replyRefusal(thread, open)).toBeNull();
  });
  it("start threads only in open spaces", () => {
    expect(canStartThread(other, open)).toBe(true);
    expect(canStartThread(other, closed)).toBe(false);
    expect(canStartThread(anon, open)).toBe(false);
    expect(spaceOpen({ opensAt: null, closesAt: null })).toBe(true);
  });
  it.each([
    ["other member", other, post, true],
    ["author (own post)", author, post, false],
    ["anonymous", anon, post, false],
    ["deleted post", other, deleted, false],
  ] as const)("report: %s → %s", (_n, actor, doc, expected) => {
    expect(canReport(actor, doc)).toBe(expected);
  });
  it.each([
    ["public, visible", anon, post, true],
    ["public, hidden", anon, hidden, false],
    ["author, hidden", author, hidden, false],
    ["moderator, hidden", moderator, hidden, true],
    ["public, held", anon, held, false],
    ["other member, held", other, held, false],
    ["author, held", author, held, true],
    ["space moderator, held", spaceMod, held, true],
  ] as const)("see: %s → %s", (_n, actor, doc, expected) => {
    expect(canSee(actor, doc, open)).toBe(expected);
  });
});
