import { describe, expect, it } from "vitest";
import { Client, HUB } from "../helpers/http";
import { htmlErrors } from "../helpers/browser";

describe("pages", () => {
  it("home shows latest practices and counts per objective", async () => {
    const res = await new Client().get("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en" dir="ltr"');
    expect(html).toMatch(/href="\/practices\/[a-z0-9-]+"/);
    expect(html).toContain('href="/objectives/23"');
  });

  it("language comes from ?lng, then the cookie, then Accept-Language", async () => {
    const c = new Client();
    const fr = await c.get("/?lng=fr");
    expect(await fr.text()).toContain('<html lang="fr" dir="ltr"');
    const again = await c.get("/practices");
    expect(await again.text()).toContain('<html lang="fr"');
    const es = await new Client().get("/", { "accept-language": "es-MX,es;q=0.9,en;q=0.5" });
    expect(await es.text()).toContain('<html lang="es"');
    const unknown = await new Client().get("/", { "accept-language": "de-DE" });
    expect(await unknown.text()).toContain('<html lang="en"');
  });

  it("unknown slug gives a translated 404 page", async () => {
    const res = await new Client().get("/practices/does-not-exist?lng=es");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="es"');
    expect(html).not.toContain("Page not found");
  });

  it("filters the practice listing by objective and region", async () => {
    const all = await (await fetch(`${HUB}/api/v1/practices?perPage=100`)).json();
    const res = await fetch(`${HUB}/api/v1/practices?objective=20&region=Africa&perPage=100`);
    const body = await res.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBeLessThan(all.total);
    for (const h of body.hits) {
      expect(h.objectives).toContain(20);
      expect(h.regions).toContain("Africa");
    }
  });

  it("serves valid HTML on the main pages", async () => {
    const c = new Client();
    const list = await (await fetch(`${HUB}/api/v1/practices?perPage=1`)).json();
    for (const path of ["/", "/practices", `/practices/${list.hits[0].slug}`, "/threads", "/login"]) {
      const html = await (await c.get(path)).text();
      const errs = await htmlErrors(html); if (errs.length) console.log(path, errs); expect(errs, path).toEqual([]);
    }
  });
});

describe("read API", () => {
  it("lists published practices with pagination", async () => {
    const res = await fetch(`${HUB}/api/v1/practices?perPage=5&page=2`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.page).toBe(2);
    expect(body.perPage).toBe(5);
    expect(body.hits).toHaveLength(5);
    expect(body.total).toBeGreaterThanOrEqual(60);
  });

  it("never lists drafts or submitted practices", async () => {
    const slugs: string[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const res = await fetch(`${HUB}/api/v1/practices?perPage=100&page=${page}`);
      if (page > 1 && res.status === 404) break; // the page past the end
      expect(res.status).toBe(200);
      const body = await res.json();
      total = body.total;
      slugs.push(...body.hits.map((h: { slug: string }) => h.slug));
      if (slugs.length >= total) {
        expect((await fetch(`${HUB}/api/v1/practices?perPage=100&page=${page + 1}`)).status).toBe(404);
        break;
      }
    }
    expect(slugs.length).toBe(total);
    expect(new Set(slugs).size).toBe(total);
    const drafts = (await import("../../scripts/seed/data/drafts.json")).default as { slug: string }[];
    for (const d of drafts) expect(slugs).not.toContain(d.slug);
  });

  it("returns one practice by slug, 404 JSON otherwise", async () => {
    const list = await (await fetch(`${HUB}/api/v1/practices?perPage=1`)).json();
    const one = await (await fetch(`${HUB}/api/v1/practices/${list.hits[0].slug}`)).json();
    expect(one.slug).toBe(list.hits[0].slug);
    expect(one.sections.context.html).toContain("<p>");
    const missing = await fetch(`${HUB}/api/v1/practices/nope`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBeTruthy();
  });

  it.each([
    "objective=99",
    "objective=1%20OR%201%3D1",
    "page=-1",
    "page=0",
    "perPage=1000000",
    "region[$ne]=x",
    "region=Atlantis",
    "country=XX",
    "lang=de",
    "bogus=1",
  ])("answers 400 with a message for %s", async (qs) => {
    const res = await fetch(`${HUB}/api/v1/practices?${qs}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/Invalid parameter/);
  });
});

describe("healthz", () => {
  it("reports both services", async () => {
    const res = await fetch(`${HUB}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.mongo).toBe("ok");
    expect(body.search).toBe("ok");
  });
});
