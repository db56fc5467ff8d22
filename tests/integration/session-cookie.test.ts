// The session cookie carries the member's id beside the token (decision 064) so that the session
// and the member are read in one round trip. The id is a hint and never an authority: the stored
// session decides who is signed in, cookies of the older form (token only) keep working, and a
// disabled member is signed out whatever the cookie says.
import { createCookie } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../app/lib/session-cookie";
import { getUser } from "../../app/lib/session.server";
import { connectDb, disconnectDb } from "../../models/db.server";
import { Session } from "../../models/session.server";
import { User } from "../../models/user.server";
import { Client, demo } from "../helpers/http";

const cookie = createCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", path: "/", secrets: [process.env.SESSION_SECRET ?? "dev-only-session-secret-change-me"] });

/** A stored session of `userId` and a client whose cookie holds `value(token)`. */
async function clientWith(userId: string, value: (token: string) => string) {
  const token = randomBytes(32).toString("base64url");
  await Session.create({ _id: createHash("sha256").update(token).digest("hex"), userId, expiresAt: new Date(Date.now() + 3600_000) });
  const c = new Client();
  const set = await cookie.serialize(value(token));
  c.cookies.set(SESSION_COOKIE, set.split(";")[0].slice(SESSION_COOKIE.length + 1));
  return c;
}

/** Who the profile page says is signed in (its display name field), or null when it redirects to log in. */
async function signedInAs(c: Client): Promise<string | null> {
  const res = await c.get("/me");
  if (res.status === 302) return null;
  expect(res.status).toBe(200);
  const input = /<input[^>]*name="displayName"[^>]*>/.exec(await res.text())?.[0] ?? "";
  return /value="([^"]*)"/.exec(input)?.[1] ?? "";
}

let member: { _id: string; displayName: string };
let other: { _id: string; displayName: string };

beforeAll(async () => {
  await connectDb();
  const [a, b] = await Promise.all([User.findOne({ email: demo.member }).lean(), User.findOne({ email: demo.member2 }).lean()]);
  member = { _id: String(a!._id), displayName: a!.displayName };
  other = { _id: String(b!._id), displayName: b!.displayName };
});
afterAll(() => disconnectDb());

describe("the session cookie", () => {
  it("names the member beside the token after logging in", async () => {
    const c = await new Client().login(demo.member);
    const value = await cookie.parse(`${SESSION_COOKIE}=${c.cookies.get(SESSION_COOKIE)}`);
    expect(value).toMatch(new RegExp(`^[A-Za-z0-9_-]{43}\\.${member._id}$`));
    expect(await signedInAs(c)).toBe(member.displayName);
  });

  it("gives the member to the loaders without the password hash", async () => {
    const c = await new Client().login(demo.member);
    const u = await getUser(new Request("http://hub.test/me", { headers: { cookie: c.cookieHeader() } }));
    expect(u?.displayName).toBe(member.displayName);
    expect(String(u?._id)).toBe(member._id);
    expect(u).not.toHaveProperty("passwordHash");
    expect(await User.findById(member._id).select("+passwordHash").lean()).toHaveProperty("passwordHash");
  });

  it("of the older form, the token alone, still signs the member in", async () => {
    const c = await clientWith(member._id, (t) => t);
    expect(await signedInAs(c)).toBe(member.displayName);
  });

  it("naming another member signs in the session's member, never the one named", async () => {
    const c = await clientWith(member._id, (t) => `${t}.${other._id}`);
    expect(await signedInAs(c)).toBe(member.displayName);
  });

  it("of a disabled member signs nobody in", async () => {
    const u = await User.create({ email: `disabled-${randomBytes(4).toString("hex")}@example.org`, displayName: "Soon disabled", passwordHash: "x" });
    const c = await clientWith(String(u._id), (t) => `${t}.${u._id}`);
    expect(await signedInAs(c)).toBe("Soon disabled");
    await User.updateOne({ _id: u._id }, { $set: { disabledAt: new Date() } });
    expect(await signedInAs(c)).toBeNull();
  });

  it("that was tampered with (a signature that does not match) signs nobody in", async () => {
    const c = await new Client().login(demo.member);
    const raw = c.cookies.get(SESSION_COOKIE)!;
    c.cookies.set(SESSION_COOKIE, raw.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")));
    expect(await signedInAs(c)).toBeNull();
  });
});
