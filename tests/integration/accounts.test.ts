import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { AuditEntry } from "../../models/audit.server";
import { Session } from "../../models/session.server";
import { Space } from "../../models/space.server";
import { User } from "../../models/user.server";
import { waitForMail } from "../helpers/mailpit";
import { Client, demo } from "../helpers/http";

// ---------------------------------------------------------------------------------------
// The role × route matrix: every protected loader and action, in one table. Add new
// protected routes here. `allowed` lists the roles that get in; anonymous visitors are sent
// to /login, any other signed-in role gets 403. Routes that do not exist yet (404 for an
// admin) are skipped, so the table can list routes other engineers are still building.
// ---------------------------------------------------------------------------------------
type Who = "member" | "moderator" | "admin";
const everyone: Who[] = ["member", "moderator", "admin"];
export const protectedRoutes: { method: "GET" | "POST"; path: string; allowed: Who[]; body?: Record<string, string> }[] = [
  // practices (submission and review)
  { method: "GET", path: "/practices/new", allowed: everyone },
  { method: "GET", path: "/me/practices", allowed: everyone },
  { method: "GET", path: "/moderation", allowed: ["moderator", "admin"] },
  // discussions
  { method: "GET", path: "/moderation/reports", allowed: ["moderator", "admin"] },
  { method: "POST", path: "/moderation/reports", allowed: ["moderator", "admin"], body: {} },
  { method: "GET", path: "/spaces/new", allowed: ["admin"] },
  { method: "POST", path: "/spaces/new", allowed: ["admin"], body: {} },
  { method: "GET", path: "/spaces/{space}/new", allowed: everyone },
  { method: "GET", path: "/spaces/{space}/edit", allowed: ["admin"] },
  { method: "GET", path: "/notifications", allowed: everyone },
  // accounts and administration
  { method: "GET", path: "/admin", allowed: ["admin"] },
  { method: "GET", path: "/admin/users", allowed: ["admin"] },
  { method: "POST", path: "/admin/users", allowed: ["admin"], body: { userId: "000000000000000000000000", role: "moderator", grant: "1" } },
  { method: "GET", path: "/me", allowed: everyone },
  { method: "POST", path: "/me", allowed: everyone, body: { intent: "nothing" } },
  { method: "GET", path: "/me/password", allowed: everyone },
  { method: "POST", path: "/me/password", allowed: everyone, body: {} },
];

const clients: Partial<Record<Who | "anonymous", Client>> = {};
const placeholders: Record<string, string> = {};
const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, k: string) => placeholders[k] ?? k);
beforeAll(async () => {
  clients.anonymous = new Client();
  clients.member = await new Client().login(demo.member);
  clients.moderator = await new Client().login(demo.moderator);
  clients.admin = await new Client().login(demo.admin);
  await connectDb();
  const space = await Space.findOne({}).select("slug").lean();
  placeholders.space = space?.slug ?? "none";
});
afterAll(async () => {
  await disconnectDb();
});

function send(c: Client, r: (typeof protectedRoutes)[number]) {
  return r.method === "GET" ? c.get(fill(r.path)) : c.post(fill(r.path), r.body ?? {});
}

describe("role × route matrix", () => {
  for (const r of protectedRoutes) {
    for (const who of ["anonymous", ...everyone] as const) {
      const expected = who === "anonymous" ? "login" : r.allowed.includes(who) ? "allowed" : "403";
      it(`${r.method} ${r.path} as ${who} → ${expected}`, async (ctx) => {
        const probe = await clients.admin!.get(fill(r.path));
        if (probe.status === 404) ctx.skip(); // route not built yet
        const res = await send(clients[who]!, r);
        if (expected === "login") {
          expect(res.status).toBe(302);
          expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
        } else if (expected === "403") {
          expect(res.status).toBe(403);
          const html = await res.text();
          expect(html).toContain("Not allowed");
        } else if (r.method === "GET") {
          expect(res.status).toBe(200);
        } else {
          expect([200, 302, 303, 400, 404]).toContain(res.status);
          if (res.status === 302) expect(res.headers.get("location") ?? "").not.toMatch(/^\/login/);
        }
      });
    }
  }

  it("translates the 403 page", async () => {
    const res = await clients.member!.get("/admin?lng=fr");
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Action non autorisée");
  });
});

// ---------------------------------------------------------------------------------------
const uniq = () => randomBytes(5).toString("hex");
const goodPassword = "amber-falcon-river-7391";

function registration(over: Record<string, string> = {}) {
  const id = uniq();
  return {
    displayName: `Test Person ${id}`,
    email: `person-${id}@example.net`,
    password: goodPassword,
    organization: `Test Org ${id}`,
    stakeholderType: "civil-society",
    country: "KE",
    ...over,
  };
}

/** Registers through the form; when it worked, `c` has logged in with the new account. */
async function register(over: Record<string, string> = {}) {
  const c = new Client();
  const data = registration(over);
  const res = await c.post("/register", data);
  if (res.status === 302) await c.login(data.email, data.password);
  return { c, res, data };
}

function sessionToken(c: Client) {
  return c.cookies.get("hub_session");
}

describe("registration", () => {
  it("creates a member who can log in at once (unconfirmed), and stores only a scrypt hash", async () => {
    const { c, res, data } = await register();
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/register?sent=1");
    const me = await c.get("/me");
    expect(me.status).toBe(200);
    const html = await me.text();
    expect(html).toContain(data.displayName);
    expect(html).not.toContain("scrypt$");
    const stored = await User.findOne({ email: data.email }).select("+passwordHash").lean();
    expect(stored?.roles).toEqual(["member"]);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(goodPassword);
    expect(stored?.organizationId).toBeTruthy();
  });

  it.each([
    ["password", { password: "short-pw" }, "at least 12 characters"],
    ["password", { password: "password1234" }, "too common"],
    ["password", { password: "QWERTYUIOP123" }, "too common"],
    ["email", { email: "not-an-email" }, "valid email address"],
    ["displayName", { displayName: "" }, "required"],
    ["displayName", { displayName: "x".repeat(81) }, "too long"],
    ["organization", { organization: "o".repeat(5000) }, "too long"], // an oversized field: a field error, not a 413
    ["stakeholderType", { stakeholderType: "pirate" }, "Choose an option"],
    ["country", { country: "XX" }, "Choose an option"],
  ])("refuses a bad %s with a field error and keeps the other input", async (field, over, message) => {
    const { res, data } = await register(over);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(html).toMatch(new RegExp(`aria-describedby="(${field}-hint )?${field}-error"`));
    if (field !== "displayName") expect(html).toContain(`value="${data.displayName}"`);
    if (field !== "email") expect(html).toContain(`value="${data.email}"`);
    expect(html).not.toContain(data.password.replace(/&/g, "&amp;"));
    expect(await User.exists({ email: data.email.toLowerCase() })).toBeNull();
  });

  it("refuses a password equal to the email or the display name", async () => {
    const a = registration();
    const r1 = await new Client().post("/register", { ...a, password: a.email });
    expect(r1.status).toBe(400);
    expect(await r1.text()).toContain("must not be your email address or your name");
    const b = registration({ displayName: "Wanjiru Kamau Njoroge" });
    const r2 = await new Client().post("/register", { ...b, password: "wanjiru kamau njoroge" });
    expect(r2.status).toBe(400);
  });

  it("never says an address has an account: a second registration answers as the first, creates nothing, and tells the owner by email", async () => {
    const { data } = await register();
    const other = registration();
    const again = await new Client().post("/register", { ...other, email: data.email.toUpperCase() });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/register?sent=1");
    expect(await User.countDocuments({ email: data.email })).toBe(1);
    expect(await User.exists({ displayName: other.displayName })).toBeNull();
    const mails = await waitForMail(data.email, 2); // the confirmation link, then "you already have an account"
    expect(mails.map((m) => m.Subject)).toEqual(expect.arrayContaining([expect.stringContaining("already have an account")]));
    // The original password still works; the second one does not.
    await new Client().login(data.email, data.password);
  });

  it("answers a repeated field with a field error, not a 500", async () => {
    const data = registration();
    const body = new URLSearchParams(data);
    body.append("email", "second@example.net");
    const res = await new Client().post("/register", body);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This value is not valid");
  });

  it("creates nothing when the honeypot is filled", async () => {
    const data = registration();
    const res = await new Client().post("/register", { ...data, website: "http://spam.example" });
    expect(res.status).toBe(400);
    expect(await User.exists({ email: data.email })).toBeNull();
  });

  it("translates field errors", async () => {
    const c = new Client();
    await c.get("/?lng=es");
    const res = await c.post("/register", registration({ password: "corta" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("La contraseña debe tener al menos 12 caracteres.");
  });
});

describe("logging in and out", () => {
  it("gives the same answer for an unknown email and a wrong password", async () => {
    const { data } = await register();
    const wrong = await new Client().post("/login", { email: data.email, password: "not-the-password-123" });
    const unknown = await new Client().post("/login", { email: `nobody-${uniq()}@example.net`, password: "not-the-password-123" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const a = (await wrong.text()).match(/role="alert"[^>]*>([^<]*)</)?.[1];
    const b = (await unknown.text()).match(/role="alert"[^>]*>([^<]*)</)?.[1];
    expect(a).toBe("The email address or password is not correct.");
    expect(b).toBe(a);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie, rotated on every login", async () => {
    const { data } = await register();
    const c = new Client();
    const res = await c.post("/login", { email: data.email, password: data.password });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith("hub_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; see security.test.ts for https
    const first = sessionToken(c);
    // Logging in again from the same browser replaces the session.
    const again = await c.post("/login", { email: data.email, password: data.password });
    expect(again.status).toBe(302);
    const second = sessionToken(c);
    expect(second).not.toBe(first);
    const old = new Client();
    old.cookies.set("hub_session", first!);
    expect((await old.get("/me")).status).toBe(302);
    expect((await c.get("/me")).status).toBe(200);
  });

  it("keeps the session cookie alive while the member uses the hub", async () => {
    const { c } = await register();
    const token = sessionToken(c);
    const res = await c.get("/practices");
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith("hub_session="));
    expect(cookie).toBeTruthy();
    expect(cookie).toMatch(/Max-Age=1209600/); // 14 days from this visit
    expect(cookie).toMatch(/HttpOnly/i);
    expect(sessionToken(c)).toBe(token); // the same session, only its lifetime renewed
    expect((await c.get("/me")).status).toBe(200);
    // Visitors without a session get no session cookie.
    const anon = await new Client().get("/practices");
    expect(anon.headers.getSetCookie().some((s) => s.startsWith("hub_session="))).toBe(false);
  });

  it("honours a local redirectTo only", async () => {
    const { data } = await register();
    const ok = await new Client().post("/login", { email: data.email, password: data.password, redirectTo: "/practices" });
    expect(ok.headers.get("location")).toBe("/practices");
    const evil = await new Client().post("/login", { email: data.email, password: data.password, redirectTo: "//evil.example/" });
    expect(evil.headers.get("location")).toBe("/");
  });

  it("a logged-out session cookie no longer works", async () => {
    const { c } = await register();
    const token = sessionToken(c)!;
    expect((await c.get("/me")).status).toBe(200);
    const out = await c.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.headers.getSetCookie().join(";")).toMatch(/hub_session=;/);
    const replay = new Client();
    replay.cookies.set("hub_session", token);
    const res = await replay.get("/me");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("expires idle sessions", async () => {
    const { c, data } = await register();
    expect((await c.get("/me")).status).toBe(200);
    const user = await User.findOne({ email: data.email }).lean();
    await Session.updateMany({ userId: user!._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await c.get("/me")).status).toBe(302);
  });

  it("logs out everywhere", async () => {
    const { c: a, data } = await register();
    const b = await new Client().login(data.email, data.password);
    expect((await b.get("/me")).status).toBe(200);
    const page = await (await a.get("/me")).text();
    expect(page).toContain("Log out everywhere");
    const res = await a.post("/me", { intent: "logout-everywhere" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    expect((await a.get("/me")).status).toBe(302);
    expect((await b.get("/me")).status).toBe(302);
  });
});

describe("profile and password", () => {
  it("edits the profile and shows it on the public page with published practices and threads", async () => {
    const { c, data } = await register();
    const res = await c.post("/me", { intent: "profile", displayName: "Renamed Person", organization: "Another Org", stakeholderType: "academia", country: "SN", bio: "Researcher." });
    expect(res.status).toBe(302);
    const user = await User.findOne({ email: data.email }).lean();
    const page = await new Client().get(`/users/${user!._id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Renamed Person");
    expect(html).toContain("Another Org");
    expect(html).toContain("Academia");
    expect(html).not.toContain(data.email);

    const member = await User.findOne({ email: demo.member }).lean();
    const demoPage = await (await new Client().get(`/users/${member!._id}`)).text();
    expect(demoPage).toMatch(/href="\/practices\/[a-z0-9-]+"/);
  });

  it("a new name shows at once where the member's posts are listed (names are kept, decision 067)", async () => {
    const { c, data } = await register();
    await User.updateOne({ email: data.email }, { $set: { emailVerifiedAt: new Date() } }); // may post
    const started = await c.post("/spaces/repository-peer-exchange/new", { title: `Names ${uniq()}`, body: "Who wrote this?", language: "en", region: "global" });
    expect(started.status).toBe(302);
    const thread = (started.headers.get("location") ?? "").split("?")[0];
    expect(thread).toMatch(/^\/threads\/[a-f0-9]{24}/);
    expect(await (await new Client().get(thread)).text()).toContain(data.displayName);
    const renamed = `Renamed ${uniq()}`;
    expect((await c.post("/me", { intent: "profile", displayName: renamed, organization: data.organization, stakeholderType: "academia", country: "SN", bio: "" })).status).toBe(302);
    const page = await (await new Client().get(thread, { "cache-control": "no-cache" })).text();
    expect(page).toContain(renamed);
    expect(page).not.toContain(data.displayName);
  });

  it("keeps input and shows errors for an invalid profile", async () => {
    const { c } = await register();
    const res = await c.post("/me", { intent: "profile", displayName: "", organization: "Kept Org", stakeholderType: "academia", country: "SN", bio: "b".repeat(2000) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="Kept Org"');
    expect(html).toMatch(/id="displayName"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="bio"[^>]*aria-invalid="true"/);
  });

  it("answers 404 for unknown or malformed profile ids", async () => {
    expect((await new Client().get("/users/000000000000000000000000")).status).toBe(404);
    expect((await new Client().get("/users/not-an-id")).status).toBe(404);
  });

  it("never returns password hashes or emails from loaders", async () => {
    const member = await User.findOne({ email: demo.member }).lean();
    const c = clients.member!;
    for (const path of ["/?_data=root", `/users/${member!._id}?_data=routes/users.$id`, "/me?_data=routes/me._index", "/admin/users?_data=routes/admin.users"]) {
      const body = await (await clients.admin!.get(path)).text();
      expect(body, path).not.toMatch(/passwordHash|scrypt\$/);
    }
    const pub = await (await c.get(`/users/${member!._id}?_data=routes/users.$id`)).text();
    expect(pub).not.toContain(demo.member);
  });

  it("changes the password, ends other sessions, and keeps this one", async () => {
    const { c, data } = await register();
    const other = await new Client().login(data.email, data.password);
    const wrong = await c.post("/me/password", { currentPassword: "nope-nope-nope", newPassword: "violet-harbor-canyon-55", confirmPassword: "violet-harbor-canyon-55" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("current password is not correct");
    const mismatch = await c.post("/me/password", { currentPassword: data.password, newPassword: "violet-harbor-canyon-55", confirmPassword: "violet-harbor-canyon-56" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("do not match");
    const common = await c.post("/me/password", { currentPassword: data.password, newPassword: "password123456", confirmPassword: "password123456" });
    expect(common.status).toBe(400);
    const ok = await c.post("/me/password", { currentPassword: data.password, newPassword: "violet-harbor-canyon-55", confirmPassword: "violet-harbor-canyon-55" });
    expect(ok.status).toBe(302);
    expect((await c.get("/me")).status).toBe(200);
    expect((await other.get("/me")).status).toBe(302);
    expect((await new Client().post("/login", { email: data.email, password: data.password })).status).toBe(400);
    await new Client().login(data.email, "violet-harbor-canyon-55");
  });
});

describe("administration", () => {
  it("grants and revokes the moderator role with audit entries", async () => {
    const { data } = await register();
    const user = await User.findOne({ email: data.email }).lean();
    const id = String(user!._id);
    const grant = await clients.admin!.post("/admin/users", { userId: id, role: "moderator", grant: "1" });
    expect(grant.status).toBe(302);
    expect((await User.findById(id).lean())!.roles).toEqual(["member", "moderator"]);
    const asMod = await new Client().login(data.email, data.password);
    expect((await asMod.get("/moderation")).status).not.toBe(403);
    const revoke = await clients.admin!.post("/admin/users", { userId: id, role: "moderator", grant: "0" });
    expect(revoke.status).toBe(302);
    expect((await User.findById(id).lean())!.roles).toEqual(["member"]);
    const entries = await AuditEntry.find({ subjectType: "user", subjectId: user!._id }).sort({ createdAt: 1 }).lean();
    expect(entries.map((e) => e.action)).toEqual(["role.grant", "role.revoke"]);
    const admin = await User.findOne({ email: demo.admin }).lean();
    expect(String(entries[0].actorId)).toBe(String(admin!._id));
    const overview = await (await clients.admin!.get("/admin")).text();
    expect(overview).toContain(data.displayName);
  });

  it("does not let an admin remove their own admin role", async () => {
    const admin = await User.findOne({ email: demo.admin }).lean();
    const res = await clients.admin!.post("/admin/users", { userId: String(admin!._id), role: "admin", grant: "0" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("cannot remove your own administrator role");
    expect((await User.findById(admin!._id).lean())!.roles).toContain("admin");
  });

  it("refuses malformed role changes without a 500", async () => {
    for (const body of [{ userId: "x", role: "moderator", grant: "1" }, { userId: "000000000000000000000000", role: "god", grant: "1" }, { userId: "000000000000000000000000", role: "admin", grant: "1" }]) {
      const res = await clients.admin!.post("/admin/users", body);
      expect([400, 404]).toContain(res.status);
    }
  });

  it("finds users by name or email, literally", async () => {
    const { data } = await register();
    const html = await (await clients.admin!.get(`/admin/users?q=${encodeURIComponent(data.email)}`)).text();
    expect(html).toContain(data.displayName);
    const re = await clients.admin!.get(`/admin/users?q=${encodeURIComponent(".*(")}`);
    expect(re.status).toBe(200);
  });
});

describe("npm run user:create", () => {
  const run = (args: string[]) =>
    spawnSync("node_modules/.bin/tsx", ["scripts/user-create.ts", ...args], { encoding: "utf8", env: process.env, timeout: 60_000 });

  it("creates a moderator who can log in", async () => {
    const email = `cli-${uniq()}@example.net`;
    const r = run(["--email", email, "--name", "Cli Moderator", "--password", "granite-meadow-orbit-88", "--moderator"]);
    expect(r.status, r.stderr).toBe(0);
    const u = await User.findOne({ email }).select("+passwordHash").lean();
    expect(u?.roles).toEqual(["member", "moderator"]);
    expect(u?.passwordHash).toMatch(/^scrypt\$/);
    const c = await new Client().login(email, "granite-meadow-orbit-88");
    expect((await c.get("/moderation")).status).not.toBe(403);
  });

  it("refuses a weak password", () => {
    const r = run(["--email", `cli-${uniq()}@example.net`, "--name", "Weak", "--password", "password1234"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("too common");
  });
});

