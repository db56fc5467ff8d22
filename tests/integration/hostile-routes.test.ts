// Hostile input in every route parameter of every route file, with every method, as anonymous,
// member and moderator; then every form intent with malformed ids. Nothing may answer 500 or
// show a stack trace; malformed ids, paths, methods and redirect targets have precise answers.
import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, demo, HUB } from "../helpers/http";
import { db } from "./discussion-fixtures";
import { Follow } from "../../models/follow.server";

const corpus = [
  "x",
  "0123456789abcdef01234567", // well-formed id of nothing
  "0123456789ABCDEF0123456Z",
  "'",
  "<script>alert(1)</script>",
  "{\"$ne\":null}",
  "..%2f..%2fetc%2fpasswd",
  "%5C",
  "%E0%A4%A",
  "%00",
  "\u3000",
  "-1",
  "99999999999999999999999",
  "🙂".repeat(20),
  "a".repeat(3000),
];
const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

/** `practices.$slug.compare.tsx` → `/practices/:slug/compare` (Remix flat routes). */
export function routePattern(file: string): string | null {
  const name = file.replace(/\.(tsx|ts)$/, "");
  if (name.endsWith(".server") || name.endsWith(".test")) return null;
  // `[.csv]` is a literal ".csv": escaped dots do not separate segments.
  const parts = name
    .replace(/\[([^\]]*)\]/g, (_m, lit: string) => lit.replaceAll(".", "\u0000"))
    .split(".")
    .filter((p) => p !== "_index")
    .map((p) => p.replaceAll("\u0000", "."));
  return "/" + parts.map((p) => (p === "$" ? "*" : p.startsWith("$") ? `:${p.slice(1)}` : p)).join("/");
}
const routes = readdirSync(path.resolve(import.meta.dirname, "../../app/routes"))
  .map(routePattern)
  .filter((r): r is string => Boolean(r));

function fill(pattern: string, value: string) {
  // Values that are already escapes stay raw; everything else is encoded as a browser would.
  const v = /^(%[0-9A-Fa-f]{0,2}|\.\.%2f)/.test(value) ? value : encodeURIComponent(value);
  return pattern.replace(/:[a-z]+/gi, v).replace("*", v);
}

function noStack(body: string, what: string) {
  expect(body, what).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/);
  expect(body, what).not.toMatch(/node_modules\//);
}

const agent = new http.Agent({ keepAlive: true });

/** One request with any method (fetch refuses TRACE), keep-alive. */
function send(c: Client, method: string, url: string, csrf: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const body = method === "GET" || method === "HEAD" ? "" : new URLSearchParams({ _csrf: csrf, intent: "follow", id: "x" }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      HUB + url,
      {
        method,
        agent,
        headers: { cookie: c.cookieHeader(), origin: HUB, ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

let clients: Record<string, Client>;
beforeAll(async () => {
  clients = { anonymous: new Client(), member: await new Client().login(demo.member), moderator: await new Client().login(demo.moderator) };
});

describe("every route, every parameter, every method", () => {
  it("enumerates the route files", () => {
    expect(routes).toContain("/threads/:id");
    expect(routes).toContain("/practices/:slug/compare");
    expect(routes).toContain("/api/v1/export.csv");
    expect(routes.length).toBeGreaterThan(40);
  });

  it("never answers 500, and refuses methods the hub does not serve with 405", { timeout: 600_000 }, async () => {
    for (const [who, c] of Object.entries(clients)) {
      const csrf = await c.csrf();
      for (const pattern of routes) {
        const values = pattern.includes(":") || pattern.includes("*") ? corpus : [""];
        for (const [i, value] of values.entries()) {
          // Every method on a few values per route; GET and POST on all of them.
          const ms = i < 3 ? methods : ["GET", "POST"];
          for (const method of ms) {
            const url = fill(pattern, value);
            const res = await send(c, method, url, csrf);
            const what = `${who} ${method} ${url.slice(0, 80)} → ${res.status}`;
            expect(res.status, what).toBeLessThan(500);
            if (!["GET", "HEAD", "POST", "OPTIONS"].includes(method)) {
              expect(res.status, what).toBe(405);
              expect(res.headers.allow).toBe("GET, HEAD, POST");
            }
            noStack(res.body, what);
          }
        }
      }
    }
  });

  it("sends every form intent with malformed ids to every action, as member and moderator", { timeout: 600_000 }, async () => {
    const actionRoutes = ["/threads/0123456789abcdef01234567", "/spaces/repository-peer-exchange", "/threads", "/notifications", "/moderation/reports", "/me/practices", "/me", "/admin/users", "/practices/new", "/posts/0123456789abcdef01234567/edit", "/moderation/practices/0123456789abcdef01234567"];
    const intents = ["follow", "unfollow", "reply", "mod-thread", "mod-post", "delete-thread", "delete-post", "read", "read-all", "open", "report", "held", "autosave", "submit", "logout-everywhere", "withdraw", "delete", "grant", "revoke", ""];
    const ids = ["x", "{\"$ne\":null}", "0123456789abcdef01234567", "\u3000", "a".repeat(500)];
    for (const who of ["member", "moderator"] as const) {
      const c = await new Client().login(demo[who]); // its own session: "logout-everywhere" is in the list
      for (const route of actionRoutes) {
        for (const intent of intents) {
          for (const id of ids) {
            const data: Record<string, string> = { intent, action: "hide" };
            for (const name of ["id", "postId", "reportId", "subjectId", "targetKey", "toSpaceId", "url", "targetType", "userId", "role", "objective", "key"]) data[name] = id;
            const res = await c.post(route, data);
            const what = `${who} POST ${route} intent=${intent} id=${id.slice(0, 30)} → ${res.status}`;
            expect(res.status, what).toBeLessThan(500);
            noStack(await res.text(), what);
          }
        }
      }
    }
  });
});

describe("malformed ids, paths, methods and redirect targets have precise answers", () => {
  it("following a thread id that is not an ObjectId is a 404 and stores nothing", async () => {
    await db();
    const member = await new Client().login(demo.member);
    const before = await Follow.countDocuments({ targetType: "thread" });
    for (const id of ["x", "%E3%80%80", "0123456789abcdef01234567"]) {
      const res = await member.post(`/threads/${id}`, { intent: "follow" });
      expect(res.status, id).toBe(404);
    }
    expect(await Follow.countDocuments({ targetType: "thread" })).toBe(before);
  });

  it("a backslash or control character in the path is a translated 404 page", async () => {
    for (const p of ["/%5C", "/%5C%5Cevil.example", "/practices/%00"]) {
      const res = await fetch(`${HUB}${p}?lng=fr`, { redirect: "manual" });
      expect(res.status, p).toBe(404);
      const html = await res.text();
      expect(html).toContain("Page introuvable");
      // The language links lead to a page that exists (the home page), not to the internal path.
      expect(html).toContain('href="/?lng=es"');
      expect(html).not.toContain("__refused");
    }
  });

  it("TRACE, PUT and DELETE are 405 with Allow and the translated page; OPTIONS lists the methods", async () => {
    const anon = new Client();
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH"]) {
      const res = await send(anon, method, "/practices?lng=es", "");
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD, POST");
      expect(res.body).toContain("Método no permitido");
    }
    const res = await send(anon, "OPTIONS", "/practices", "");
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe("GET, HEAD, POST");
  });

  it("a redirectTo with characters above U+00FF still logs in, to the encoded path", async () => {
    const c = new Client();
    const res = await c.post("/login", { email: demo.member2, password: "practice-hub-demo", redirectTo: "/\u3000" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/%E3%80%80");
    const page = await new Client().get(`/login?redirectTo=${encodeURIComponent("/search?q=países")}`);
    expect(page.status).toBe(200);
  });

  it("redirect targets that leave the site fall back to a local page", async () => {
    const member = await new Client().login(demo.member);
    for (const url of ["/\\evil.example", "//evil.example", "https://evil.example/", "/\\/evil.example"]) {
      const res = await member.post("/notifications", { intent: "open", id: "0123456789abcdef01234567", url });
      expect(res.status, url).toBe(302);
      const to = new URL(res.headers.get("location") ?? "", HUB);
      expect(to.origin, url).toBe(HUB);
      expect(to.pathname.startsWith("//")).toBe(false);
    }
    const login = await new Client().post("/login", { email: demo.member2, password: "practice-hub-demo", redirectTo: "/\\evil.example" });
    expect(login.headers.get("location")).toBe("/");
  });
});
