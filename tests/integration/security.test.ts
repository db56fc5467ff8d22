import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { Session } from "../../models/session.server";
import { User } from "../../models/user.server";
import { freePort } from "../helpers/app-process";
import { Client, demo, HUB } from "../helpers/http";
import { linkIn, mailMessage, waitForSubject } from "../helpers/mailpit";

const uniq = () => randomBytes(5).toString("hex");

// A second hub process behind a pretend proxy (TRUST_PROXY=1) with tiny abuse limits, so
// HSTS, Secure cookies, client IPs and rate limits can be tested without slowing down or
// locking anything on the shared test server.
// Five-minute windows: a test of a limit never sees its window end (a 6 s window ended inside a
// test on a loaded CI machine, and the counts started again from zero).
const WINDOW_MS = 300_000;
/** A limit test starts with at least this long left in its window. */
const TEST_ROOM_MS = 60_000;
let proxied: ChildProcess | undefined;
let PROXIED = "";

beforeAll(async () => {
  await connectDb();
  const port = await freePort();
  PROXIED = `http://localhost:${port}`;
  proxied = spawn("node_modules/.bin/tsx", ["scripts/serve.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      TRUST_PROXY: "1",
      HUB_LOGIN_LIMIT: "3",
      HUB_LOGIN_IP_LIMIT: "5",
      HUB_LOGIN_WINDOW_MS: String(WINDOW_MS),
      HUB_REGISTER_LIMIT: "2",
      HUB_REGISTER_WINDOW_MS: String(WINDOW_MS),
      HUB_SYNC_INTERVAL_MS: "60000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    try {
      if ((await fetch(`${PROXIED}/healthz`)).status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the proxied hub did not start");
});
afterAll(async () => {
  if (proxied?.pid && proxied.exitCode === null) proxied.kill("SIGTERM");
  await disconnectDb();
});

/** A client of the proxied hub that appears to come from `ip` over https. */
function viaProxy(ip: string, proto = "https") {
  const c = new Client();
  const headers = { "x-forwarded-for": ip, "x-forwarded-proto": proto };
  const origin = `${proto}://localhost:${new URL(PROXIED).port}`;
  return {
    c,
    get: async (path: string) => {
      const res = await fetch(PROXIED + path, { headers: { cookie: c.cookieHeader(), ...headers }, redirect: "manual" });
      (c as unknown as { remember(r: Response): void }).remember(res);
      return res;
    },
    post: async (path: string, data: Record<string, string>) => {
      if (!c.cookies.has("hub_csrf")) {
        const r = await fetch(PROXIED + "/login", { headers, redirect: "manual" });
        (c as unknown as { remember(r: Response): void }).remember(r);
      }
      const body = new URLSearchParams({ ...data, _csrf: decodeURIComponent(c.cookies.get("hub_csrf") ?? "") });
      const res = await fetch(PROXIED + path, {
        method: "POST",
        body,
        headers: { cookie: c.cookieHeader(), "content-type": "application/x-www-form-urlencoded", origin, ...headers },
        redirect: "manual",
      });
      (c as unknown as { remember(r: Response): void }).remember(res);
      return res;
    },
  };
}

/** An address no other request of this run has used (its limits start from zero): a sequence in
 *  198.18.0.0/16 from a random start, so runs within one window rarely meet either. */
let ipSeq = Math.floor(Math.random() * 65_000);
const randomIp = () => {
  ipSeq = (ipSeq + 1) % 65_024;
  return `198.18.${Math.floor(ipSeq / 254)}.${(ipSeq % 254) + 1}`;
};

/** Waits until a fresh fixed window has just begun, so a burst of attempts falls in one window. */
/** Waits for the next window when the current one has less than TEST_ROOM_MS left. */
async function windowStart() {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < TEST_ROOM_MS) await new Promise((r) => setTimeout(r, left + 50));
}

async function freshAccount() {
  const id = uniq();
  const data = { displayName: `Limit Tester ${id}`, email: `limit-${id}@example.net`, password: "quartz-ember-willow-2048", organization: "Limit Org", stakeholderType: "academia", country: "BR" };
  const res = await new Client().post("/register", data);
  expect(res.status).toBe(302);
  return data;
}

describe("security headers", () => {
  it("sends a CSP with a fresh nonce that every script carries", async () => {
    const a = await fetch(HUB + "/");
    const b = await fetch(HUB + "/");
    const csp = a.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  });

  it("sends nosniff, a strict referrer policy, no framing, and no HSTS over plain http", async () => {
    const res = await fetch(HUB + "/login");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("has no inline event handlers in the pages", async () => {
    const c = await new Client().login(demo.admin);
    for (const path of ["/", "/login", "/register", "/me", "/me/password", "/admin", "/admin/users", "/practices", "/threads"]) {
      const html = await (await c.get(path)).text();
      expect(html, path).not.toMatch(/<[^>]+\son[a-z]+=/i);
    }
  });

  it("sends HSTS and Secure cookies behind a trusted https proxy, not for forged headers on plain http", async () => {
    const res = await fetch(`${PROXIED}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const direct = await fetch(`${HUB}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(direct.headers.get("strict-transport-security")).toBeNull();

    const p = viaProxy(randomIp());
    const login = await p.post("/login", { email: demo.member2, password: "practice-hub-demo" });
    expect(login.status).toBe(302);
    const cookie = login.headers.getSetCookie().find((s) => s.startsWith("hub_session="))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe("cross-site request forgery", () => {
  it("refuses a forged cross-site POST and keeps the session", async () => {
    const id = uniq();
    const data = { displayName: `Csrf Target ${id}`, email: `csrf-${id}@example.net`, password: "cobalt-prairie-signal-31", organization: "Csrf Org", stakeholderType: "media", country: "CL" };
    const c = new Client();
    expect((await c.post("/register", data)).status).toBe(302);
    await c.login(data.email, data.password);
    // From another site: the browser sends the cookies and an Origin header.
    const forged = await c.post("/me", { intent: "logout-everywhere" }, { headers: { origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    const fetchSite = await c.post("/me", { intent: "logout-everywhere" }, { headers: { "sec-fetch-site": "cross-site" } });
    expect(fetchSite.status).toBe(403);
    const nullOrigin = await c.post("/me", { intent: "logout-everywhere" }, { headers: { origin: "null" } });
    expect(nullOrigin.status).toBe(403);
    // Without the token (an old browser sending no Origin): refused too.
    const noToken = await c.post("/me", { intent: "logout-everywhere" }, { csrf: false, headers: { origin: "" } });
    expect(noToken.status).toBe(403);
    const wrongToken = await c.post("/me", { intent: "logout-everywhere", _csrf: "a".repeat(32) });
    expect(wrongToken.status).toBe(403);
    expect((await c.get("/me")).status).toBe(200);
    const user = await User.findOne({ email: data.email }).lean();
    expect(await Session.countDocuments({ userId: user!._id })).toBe(1);
  });

  it("binds the token to the session: one from before logging in, of another session or of a closed one is refused", async () => {
    const c = new Client();
    const anonymousToken = await c.csrf();
    await c.login(demo.member);
    const sessionToken = await c.csrf();
    expect(sessionToken).not.toBe(anonymousToken);
    // the token a page hands out is the session's
    expect(await (await c.get("/me")).text()).toContain(`name="_csrf" value="${sessionToken}"`);
    expect((await c.post("/me", { intent: "logout-everywhere", _csrf: anonymousToken })).status).toBe(403);
    // another session of the same member has its own token
    const other = await new Client().login(demo.member);
    expect(await other.csrf()).not.toBe(sessionToken);
    expect((await other.post("/me", { intent: "logout-everywhere", _csrf: sessionToken })).status).toBe(403);
    expect((await other.get("/me")).status).toBe(200);
    // logging out retires it
    expect((await c.post("/logout", {})).status).toBe(302);
    const after = await c.csrf();
    expect(after).not.toBe(sessionToken);
    expect((await c.post("/login", { email: demo.member, password: "practice-hub-demo", _csrf: sessionToken })).status).toBe(403);
  });

  it("requires the token for login and logout", async () => {
    const c = new Client();
    const res = await c.post("/login", { email: demo.member, password: "practice-hub-demo" }, { csrf: false });
    expect(res.status).toBe(403);
    expect(c.cookies.has("hub_session")).toBe(false);
    const m = await new Client().login(demo.member);
    expect((await m.post("/logout", {}, { csrf: false })).status).toBe(403);
    expect((await m.get("/me")).status).toBe(200);
  });
});

describe("hostile input", () => {
  it.each([
    "email[$ne]=x&password[$ne]=x",
    "email[$gt]=&password[$gt]=",
    "email=member%40example.org&password[$ne]=x",
    "email[$regex]=.*&password=x",
    "$where=1&email=a&password=b",
  ])("refuses operator-shaped parameters: %s", async (qs) => {
    const c = new Client();
    const body = new URLSearchParams(qs);
    const res = await c.post("/login", body);
    expect(res.status).toBe(400);
    expect(c.cookies.has("hub_session")).toBe(false);
    const html = await res.text();
    expect(html).toContain("Something in the request was not right");
  });

  it("treats operator-looking values as plain text", async () => {
    const c = new Client();
    const res = await c.post("/login", { email: '{"$ne":null}', password: '{"$ne":null}' });
    expect(res.status).toBe(400);
    expect(c.cookies.has("hub_session")).toBe(false);
  });

  it("never answers 500 to odd bodies and content types", async () => {
    const c = new Client();
    const token = await c.csrf();
    const cases: [string, string][] = [
      ["application/json", JSON.stringify({ email: { $ne: "x" }, password: { $ne: "x" }, _csrf: token })],
      ["application/x-www-form-urlencoded", `_csrf=${token}&email=%zz&password=%`],
      ["multipart/form-data; boundary=nope", "garbage without a boundary"],
      ["text/plain", "hello"],
      ["application/x-www-form-urlencoded", `_csrf=${token}&` + "a=".repeat(50_000)],
    ];
    for (const [type, body] of cases) {
      for (const path of ["/login", "/register", "/me", "/admin/users"]) {
        const res = await fetch(HUB + path, { method: "POST", body, headers: { cookie: c.cookieHeader(), "content-type": type, origin: HUB }, redirect: "manual" });
        expect(res.status, `${type} ${path}`).toBeLessThan(500);
      }
    }
    expect((await fetch(HUB + "/users/%E0%A4%A")).status).toBeLessThan(500);
    expect((await fetch(HUB + "/%")).status).toBeLessThan(500);
  });

  it("answers 413 to a body over the limit with Content-Length", async () => {
    const c = new Client();
    const big = "x".repeat(1_100_000);
    const res = await c.post("/register", { displayName: big });
    expect(res.status).toBe(413);
  });

  it("answers 413 to a chunked body that streams past the limit, and accepts small chunked bodies", async () => {
    const c = new Client();
    const token = await c.csrf();
    const url = new URL(HUB);
    const send = (chunks: number, chunkSize: number, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: "/login",
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked", cookie: c.cookieHeader(), origin: HUB },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        if (body) {
          req.end(body);
          return;
        }
        let i = 0;
        const write = () => {
          while (i < chunks) {
            i++;
            if (!req.write("y".repeat(chunkSize))) return void req.once("drain", write);
          }
          req.end();
        };
        write();
      });
    expect(await send(40, 64 * 1024)).toBe(413);
    expect(await send(0, 0, `_csrf=${token}&email=nobody%40example.net&password=whatever-whatever`)).toBe(400);
  });
});

describe("abuse limits", () => {
  it("after repeated failures from any IP the password no longer opens the account, translated; a reset link lets its owner in at once", async () => {
    const acct = await freshAccount();
    await windowStart();
    const p = viaProxy(randomIp());
    // Counted before the password is checked: parallel guesses each take a number.
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => p.post("/login", { email: acct.email, password: `wrong-password-${i}-xx` })));
    expect(guesses.filter((r) => r.status === 400)).toHaveLength(3);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(5);
    // Even the right password is refused now, from another address too, with the way out.
    const locked = await viaProxy(randomIp()).post("/login", { email: acct.email, password: acct.password });
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBeTruthy();
    const text = await locked.text();
    expect(text).toContain("Too many failed attempts for this account");
    expect(text).toContain('href="/forgot-password"');
    const fr = viaProxy(randomIp());
    await fr.get("/login?lng=fr");
    const lockedFr = await fr.post("/login", { email: acct.email, password: acct.password });
    expect(await lockedFr.text()).toContain("Trop de tentatives échouées pour ce compte");
    // An address without an account gets the same answer once it is over the limit.
    const ghost = `ghost-${uniq()}@example.net`;
    for (let i = 0; i < 3; i++) await viaProxy(randomIp()).post("/login", { email: ghost, password: "wrong-password-xx" });
    const ghostLocked = await viaProxy(randomIp()).post("/login", { email: ghost, password: "wrong-password-xx" });
    expect(ghostLocked.status).toBe(429);
    expect(await ghostLocked.text()).toContain("Too many failed attempts for this account");
    // Other accounts are not affected.
    expect((await viaProxy(randomIp()).post("/login", { email: demo.member2, password: "practice-hub-demo" })).status).toBe(302);
    // The owner resets the password through the emailed link and is in at once.
    const owner = viaProxy(randomIp());
    expect((await owner.post("/forgot-password", { email: acct.email })).status).toBe(302);
    const mail = await waitForSubject(acct.email, /reset your password/i);
    const link = new URL(linkIn((await mailMessage(mail.ID)).Text, "/reset-password/"));
    const done = await owner.post(link.pathname, { newPassword: "fresh-meadow-lantern-55", confirmPassword: "fresh-meadow-lantern-55" });
    expect(done.status).toBe(302);
    const ok = await viaProxy(randomIp()).post("/login", { email: acct.email, password: "fresh-meadow-lantern-55" });
    expect(ok.status).toBe(302);
  }, TEST_ROOM_MS + 60_000);

  it("limits failed logins per IP across accounts (X-Forwarded-For trusted only behind the proxy)", async () => {
    await windowStart();
    const ip = randomIp();
    const p = viaProxy(ip);
    for (let i = 0; i < 5; i++) {
      const r = await p.post("/login", { email: `nobody-${uniq()}@example.net`, password: "wrong-password-xx" });
      expect(r.status).toBe(400);
    }
    const blocked = await viaProxy(ip).post("/login", { email: `nobody-${uniq()}@example.net`, password: "wrong-password-xx" });
    expect(blocked.status).toBe(429);
    const elsewhere = await viaProxy(randomIp()).post("/login", { email: `nobody-${uniq()}@example.net`, password: "wrong-password-xx" });
    expect(elsewhere.status).toBe(400);
  }, TEST_ROOM_MS + 60_000);

  it("limits registrations per IP", async () => {
    await windowStart();
    const ip = randomIp();
    const reg = () => {
      const id = uniq();
      return viaProxy(ip).post("/register", { displayName: `Burst ${id}`, email: `burst-${id}@example.net`, password: "saffron-glacier-piano-64", organization: "Burst Org", stakeholderType: "other", country: "IN" });
    };
    expect((await reg()).status).toBe(302);
    expect((await reg()).status).toBe(302);
    const third = await reg();
    expect(third.status).toBe(429);
    expect(await third.text()).toContain("Too many attempts");
  }, TEST_ROOM_MS + 60_000);
});
