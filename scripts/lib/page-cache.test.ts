// The page cache's rules (decision 057), with renders that stand in for Remix's.
import type express from "express";
import { describe, expect, it } from "vitest";
import { contentChanged } from "../../models/content-version.server";
import { markRequestDegraded, runInRequest } from "../../models/log.server";
import { cutTemplate, fillTemplate, PageCache, placeholders, type Placeholders } from "./page-cache";

const visitor = (n: number): Placeholders => ({ nonce: `nonce-of-visitor-${n}==`, csrfToken: `token-of-visitor-${n}-xxxxxxxxxxxx` });

/** A page as the root renders one: the nonce on its scripts, the token in a form and in the data. */
function page(ph: Placeholders, text = "Practices", init: ResponseInit = {}) {
  const html = `<html><body><h1>${text}</h1><form method="post"><input type="hidden" name="_csrf" value="${ph.csrfToken}"></form><script nonce="${ph.nonce}">window.__ctx={"csrfToken":"${ph.csrfToken}"}</script><script nonce="${ph.nonce}" src="/x.js"></script></body></html>`;
  return new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, ...init });
}

function request(url: string, headers: Record<string, string> = {}, method = "GET") {
  const u = new URL(url, "http://hub.test");
  const all: Record<string, string> = { host: u.host, ...headers };
  return { method, protocol: "http", originalUrl: u.pathname + u.search, path: u.pathname, query: Object.fromEntries(u.searchParams), headers: all, get: (h: string) => all[h.toLowerCase()] } as unknown as express.Request;
}

const body = (s: Awaited<ReturnType<PageCache["serve"]>>) => ("body" in s ? s.body : "");

describe("templates", () => {
  it("puts each visitor's nonce and token where the placeholders were, and nothing else changes", () => {
    const ph = placeholders();
    const html = `a${ph.nonce}b${ph.csrfToken}c${ph.nonce}`;
    const t = cutTemplate(html, ph);
    expect(t.slots).toEqual(["nonce", "csrfToken", "nonce"]);
    expect(fillTemplate(t, visitor(1))).toBe(`a${visitor(1).nonce}b${visitor(1).csrfToken}c${visitor(1).nonce}`);
    expect(fillTemplate(t, ph)).toBe(html);
    expect(fillTemplate(cutTemplate("no placeholders", ph), visitor(2))).toBe("no placeholders");
  });

  it("placeholders have the shape of the real values and differ each time", () => {
    const a = placeholders();
    const b = placeholders();
    expect(a.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.csrfToken).not.toBe(b.csrfToken);
  });
});

describe("what is looked up", () => {
  const cache = new PageCache(10_000, 1 << 20);
  it("a GET without a session cookie, keyed by language and URL", () => {
    expect(cache.keyOf(request("/practices?page=2", { "accept-language": "fr-FR,fr;q=0.9" }))).toBe("fr http://hub.test/practices?page=2");
    expect(cache.keyOf(request("/practices?lng=es", { cookie: "lng=fr; hub_csrf=abc" }))).toBe("es http://hub.test/practices?lng=es");
    expect(cache.keyOf(request("/practices", { cookie: "lng=ar" }))).toBe("ar http://hub.test/practices");
  });

  it("and by origin: a forged Host header gets a page of its own", () => {
    expect(cache.keyOf(request("/feeds/practices.xml", { host: "evil.example" }))).toBe("en http://evil.example/feeds/practices.xml");
    expect(cache.keyOf(request("/feeds/practices.xml"))).not.toBe(cache.keyOf(request("/feeds/practices.xml", { host: "evil.example" })));
  });
  it("never for a session, a hard reload, a write, a download or an export", () => {
    expect(cache.keyOf(request("/practices", { cookie: "hub_session=s%3Aabc; hub_csrf=x" }))).toBeNull();
    expect(cache.keyOf(request("/practices", { "cache-control": "no-cache" }))).toBeNull();
    expect(cache.keyOf(request("/practices", { pragma: "no-cache" }))).toBeNull();
    expect(cache.keyOf(request("/practices", {}, "POST"))).toBeNull();
    expect(cache.keyOf(request("/practices", {}, "HEAD"))).toBeNull();
    expect(cache.keyOf(request("/files/0123456789abcdef01234567/report.pdf"))).toBeNull();
    expect(cache.keyOf(request("/api/v1/export.json"))).toBeNull();
    expect(cache.keyOf(request(`/search?q=${"x".repeat(3000)}`))).toBeNull();
  });
  it("nothing when HUB_PAGE_CACHE_MS is 0", () => {
    expect(PageCache.fromEnv({ HUB_PAGE_CACHE_MS: "0" }).keyOf(request("/"))).toBeNull();
  });
});

describe("what is kept", () => {
  it("a page is rendered once and sent to each visitor with their own values", async () => {
    const cache = new PageCache(60_000, 1 << 20);
    let renders = 0;
    const render = async (ph: Placeholders) => (renders++, page(ph));
    const a = await cache.serve("en /practices", visitor(1), render);
    const b = await cache.serve("en /practices", visitor(2), render);
    expect([a.outcome, b.outcome, renders]).toEqual(["miss", "hit", 1]);
    expect(body(a)).toBe(await page(visitor(1)).text());
    expect(body(b)).toBe(await page(visitor(2)).text());
  });

  it("until content changes", async () => {
    const cache = new PageCache(60_000, 1 << 20);
    let text = "before";
    const render = async (ph: Placeholders) => page(ph, text);
    await cache.serve("en /t", visitor(1), render);
    text = "after";
    expect(body(await cache.serve("en /t", visitor(1), render))).toContain("before");
    contentChanged();
    const fresh = await cache.serve("en /t", visitor(1), render);
    expect(fresh.outcome).toBe("miss");
    expect(body(fresh)).toContain("after");
  });

  it("or its time is up", async () => {
    const cache = new PageCache(20, 1 << 20);
    let renders = 0;
    const render = async (ph: Placeholders) => (renders++, page(ph));
    await cache.serve("en /", visitor(1), render);
    await new Promise((r) => setTimeout(r, 80));
    expect((await cache.serve("en /", visitor(1), render)).outcome).toBe("miss");
    expect(renders).toBe(2);
  });

  it("requests for a page being rendered wait for that render", async () => {
    const cache = new PageCache(60_000, 1 << 20);
    let renders = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const render = async (ph: Placeholders) => {
      renders++;
      await gate;
      return page(ph);
    };
    const all = [1, 2, 3, 4].map((n) => cache.serve("en /slow", visitor(n), render));
    release();
    const out = await Promise.all(all);
    expect(renders).toBe(1);
    expect(out.map((o) => o.outcome).sort()).toEqual(["hit", "hit", "hit", "miss"]);
    out.forEach((o, i) => expect(body(o)).toContain(visitor(i + 1).csrfToken));
  });

  it.each([
    ["an error status", (ph: Placeholders) => page(ph, "Not found", { status: 404 })],
    ["a Set-Cookie", (ph: Placeholders) => page(ph, "x", { headers: { "Content-Type": "text/html", "Set-Cookie": "a=b" } })],
    ["Cache-Control: no-store", (ph: Placeholders) => page(ph, "x", { headers: { "Content-Type": "text/html", "Cache-Control": "no-store" } })],
    ["Cache-Control: private", (ph: Placeholders) => page(ph, "x", { headers: { "Content-Type": "text/html", "Cache-Control": "private, max-age=60" } })],
  ])("not a page with %s, which still reaches the visitor with their values", async (_what, make) => {
    const cache = new PageCache(60_000, 1 << 20);
    let renders = 0;
    const render = async (ph: Placeholders) => (renders++, make(ph));
    const first = await cache.serve("en /p", visitor(1), render);
    const again = await cache.serve("en /p", visitor(2), render);
    expect([first.outcome, again.outcome, renders]).toEqual(["skip", "skip", 2]);
    expect(body(again)).toContain(visitor(2).csrfToken);
    expect(cache.size).toBe(0);
  });

  it("not a fallback (a service did not answer while rendering, or an error was logged)", async () => {
    const cache = new PageCache(60_000, 1 << 20);
    const degraded = async (ph: Placeholders) => {
      markRequestDegraded();
      return page(ph, "from the database");
    };
    const first = await runInRequest({ id: "r1" }, () => cache.serve("en /practices", visitor(1), degraded));
    expect(first.outcome).toBe("skip");
    const next = await runInRequest({ id: "r2" }, () => cache.serve("en /practices", visitor(1), async (ph) => page(ph, "from the index")));
    expect(next.outcome).toBe("miss");
    expect(body(next)).toContain("from the index");
  });

  it("downloads pass untouched", async () => {
    const cache = new PageCache(60_000, 1 << 20);
    const file = new Response(new Uint8Array([1, 2, 3]), { headers: { "Content-Type": "application/pdf" } });
    const out = await cache.serve("en /report.pdf", visitor(1), async () => file);
    expect(out.outcome).toBe("skip");
    expect("response" in out && out.response).toBe(file);
  });

  it("stays within its size: the least recently used pages go first", async () => {
    const cache = new PageCache(60_000, 4096);
    for (let i = 0; i < 20; i++) await cache.serve(`en /p${i}`, visitor(1), async (ph) => page(ph, "x".repeat(500)));
    expect(cache.size).toBeLessThanOrEqual(5);
    expect((await cache.serve("en /p19", visitor(1), async (ph) => page(ph))).outcome).toBe("hit");
  });
});
