// The page cache for visitors without a session (decision 057), through the running hub: each
// visitor gets their own CSP nonce and CSRF token in a kept page, members are never served one,
// and what a write changes is on the next page a visitor opens.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, HUB } from "../helpers/http";
import { contentChanged } from "../../models/content-version.server";
import { disconnectDb } from "../../models/db.server";
import { as, db, newThread, postIdFrom, reply, resetPostLimits, threadIdFrom, unique } from "./discussion-fixtures";

beforeAll(async () => {
  await db();
  await resetPostLimits();
});
afterAll(disconnectDb);

/** Until the search sync has nothing left to index (it marks pages out of date when it does). */
async function settled() {
  await expect.poll(async () => ((await (await new Client().get("/healthz")).json()) as { pending: number }).pending).toBe(0);
}

/** GETs `path` as this visitor until the answer comes from the cache (the first renders it;
 *  the sync indexing a change from an earlier test in between makes one more). */
async function twice(c: Client, path: string, headers: Record<string, string> = {}) {
  for (let i = 0; ; i++) {
    const res = await c.get(path, headers);
    const html = await res.text();
    if (res.headers.get("x-hub-page-cache") === "hit" || i === 5) return { res, html };
  }
}

function noncesOf(html: string) {
  return new Set([...html.matchAll(/ nonce="([^"]+)"/g)].map((m) => m[1]));
}

describe("visitors without a session", () => {
  it("get a kept page carrying their own CSP nonce and CSRF token", async () => {
    const a = new Client();
    const b = new Client();
    const pa = await twice(a, "/practices");
    const pb = await twice(b, "/practices");
    expect(pa.res.headers.get("x-hub-page-cache")).toBe("hit");
    expect(pb.res.headers.get("x-hub-page-cache")).toBe("hit");
    for (const [c, p] of [[a, pa], [b, pb]] as const) {
      const csp = p.res.headers.get("content-security-policy") ?? "";
      const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce).toBeTruthy();
      expect([...noncesOf(p.html)]).toEqual([nonce]);
      expect(p.html).toContain(`"csrfToken":"${await c.csrf()}"`);
    }
    expect([...noncesOf(pa.html)]).not.toEqual([...noncesOf(pb.html)]);
    expect(await a.csrf()).not.toBe(await b.csrf());
  });

  it("can use the forms of a kept page (the log-in form's token is theirs)", async () => {
    const visitor = new Client();
    const { res, html } = await twice(visitor, "/login");
    expect(res.headers.get("x-hub-page-cache")).toBe("hit");
    const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
    expect(token).toBe(await visitor.csrf());
    const login = await visitor.post("/login", { email: "member@example.org", password: "practice-hub-demo", _csrf: token! });
    expect(login.status).toBe(302);
  });

  it("are served pages in their own language", async () => {
    const fr = await twice(new Client(), "/practices", { "accept-language": "fr-FR,fr;q=0.9" });
    const es = await twice(new Client(), "/practices?lng=es");
    const en = await twice(new Client(), "/practices");
    expect(fr.html).toContain('<html lang="fr"');
    expect(es.html).toContain('<html lang="es"');
    expect(en.html).toContain('<html lang="en"');
    expect([fr, es, en].map((p) => p.res.headers.get("x-hub-page-cache"))).toEqual(["hit", "hit", "hit"]);
  });

  it("get a fresh render on a hard reload", async () => {
    const c = new Client();
    await twice(c, "/practices");
    const reload = await c.get("/practices", { "cache-control": "no-cache", pragma: "no-cache" });
    expect(reload.headers.get("x-hub-page-cache")).toBe("bypass");
    expect(reload.status).toBe(200);
  });
});

describe("members", () => {
  it("never get a kept page", async () => {
    const member = await as("member");
    const { res, html } = await twice(member, "/practices");
    expect(res.headers.get("x-hub-page-cache")).toBe("bypass");
    expect(html).toContain("/logout");
  });
});

/** A GET with a Host header of our choosing (fetch does not let one be set). */
function getWithHost(path: string, host: string): Promise<string> {
  const url = new URL(path, HUB);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

describe("a forged Host header", () => {
  it("never puts its origin into what other visitors are sent", async () => {
    // The feed's links are absolute, built from the request's origin (HUB_PUBLIC_URL is unset).
    for (let i = 0; i < 3; i++) expect(await getWithHost("/feeds/practices.xml", "evil.example")).toContain("http://evil.example/");
    const { html } = await twice(new Client(), "/feeds/practices.xml");
    expect(html).toContain(`${new URL(HUB).origin}/`);
    expect(html).not.toContain("evil.example");
  });
});

describe("a write is on the next page a visitor opens", () => {
  it("a reply, then its hiding by a moderator", async () => {
    const id = threadIdFrom(await newThread(await as("member")));
    const visitor = new Client();
    const before = await twice(visitor, `/threads/${id}`);
    expect(before.res.headers.get("x-hub-page-cache")).toBe("hit");

    const text = unique("A reply visitors should see");
    const postId = postIdFrom(await reply(await as("member2"), id, text));
    const withReply = await visitor.get(`/threads/${id}`);
    expect(await withReply.text()).toContain(text);

    expect((await (await as("moderator")).post(`/threads/${id}`, { intent: "mod-post", postId, action: "hide" })).status).toBe(302);
    const afterHide = await visitor.get(`/threads/${id}`);
    expect(afterHide.headers.get("x-hub-page-cache")).toBe("miss");
    expect(await afterHide.text()).not.toContain(text);
  });

  it("a new thread is in the kept search answer as soon as it is indexed (not when the page's time is up)", async () => {
    await settled();
    const word = unique("cachedsearch").replace(/[^a-z0-9]/gi, "");
    const visitor = new Client();
    const path = `/api/v1/search?q=${word}&type=thread`;
    const before = await twice(visitor, path);
    expect(before.res.headers.get("x-hub-page-cache")).toBe("hit");
    expect((JSON.parse(before.html) as { total: number }).total).toBe(0);

    expect((await newThread(await as("member"), { title: `About ${word}` })).status).toBe(302);
    // The sync indexing it drops the kept answer; HUB_PAGE_CACHE_MS (10 s) alone would be too late.
    await expect
      .poll(async () => ((await (await visitor.get(path)).json()) as { total: number }).total, { timeout: 5000, interval: 100 })
      .toBe(1);
  });

  it("a change made by another process (a script, another instance) is seen on the next page", async () => {
    await settled();
    const visitor = new Client();
    expect((await twice(visitor, "/practices")).res.headers.get("x-hub-page-cache")).toBe("hit");
    // This test process is such a process: it bumps the content version in the database.
    await contentChanged();
    expect((await visitor.get("/practices")).headers.get("x-hub-page-cache")).toBe("miss");
    expect((await visitor.get("/practices")).headers.get("x-hub-page-cache")).toBe("hit");
  });

  it("a refused write changes nothing and keeps the pages", async () => {
    await settled();
    const visitor = new Client();
    await twice(visitor, "/practices");
    expect((await new Client().post("/login", { email: "member@example.org", password: "wrong password" })).status).toBe(400);
    expect((await visitor.get("/practices")).headers.get("x-hub-page-cache")).toBe("hit");
  });
});
