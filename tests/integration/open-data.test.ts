// Open data: the streamed CSV/JSON export, the Atom feeds, the sitemap and robots.txt, the
// practice page's search-engine metadata, and CORS on the read API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Client, demo, HUB } from "../helpers/http";
import { db, submittedPractice, unique } from "./practice-fixtures";
import { Practice } from "../../models/practice.server";
import { exportColumns } from "../../models/export-columns";
import { atomErrors, sitemapErrors } from "../helpers/xml-schema";

let member: Client;
let moderator: Client;
let admin: Client;
const anon = new Client();
const tag = unique();
const formulaTitle = `=cmd|' /C calc'!A0 ${tag}`;
const markupTitle = `Feed <b>&amp; "quotes" 'single' ${tag}`;
let formulaId = "";
let markupId = "";
let markupSlug = "";
let draftSlug = "";

async function published(title: string) {
  const id = await submittedPractice(member, title);
  const res = await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" });
  if (res.status !== 302) throw new Error(`not published: ${res.status}`);
  return id;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "url", "sitemap", "link", "category"].includes(name) });

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
  admin = await new Client().login(demo.admin);
  formulaId = await published(formulaTitle);
  markupId = await published(markupTitle);
  // Control characters cannot come through the form; put them in the store directly, with a
  // summary that tries to close the JSON-LD script.
  await Practice.updateOne(
    { _id: markupId },
    { $set: { title: `${markupTitle}\u0001\u001b\u000b end`, summary: `Breakout </script><script>alert(1)</script> & <!-- ${tag}` } },
  );
  markupSlug = (await Practice.findById(markupId).lean())!.slug;
  const draft = await member.post("/practices/new", { ...(await import("./practice-fixtures")).fullForm(`Draft only ${tag}`), intent: "save" });
  expect(draft.status).toBe(302);
  draftSlug = (await Practice.findOne({ title: `Draft only ${tag}` }).lean())!.slug;
}, 60_000);

afterAll(async () => {
  // Back to the default licence for the other tests.
  await mongoose.connection.collection("settings").deleteMany({});
  await mongoose.disconnect();
});

/** The read API's total, once the search index (which it reads) has caught up with the store. */
async function apiTotal() {
  const read = async () => {
    const res = await anon.get("/api/v1/practices?perPage=1");
    expect(res.status).toBe(200);
    return ((await res.json()) as { total: number }).total;
  };
  // the index holds one document per practice: translations are inside their original's (decision 039)
  const stored = await Practice.countDocuments({ status: "published", translationOf: null });
  await expect.poll(read, { timeout: 15_000 }).toBe(stored);
  return read();
}

describe("CSV export", () => {
  it("parses with a standard parser: a header of the defined columns, one row per published practice", async () => {
    const res = await anon.get("/api/v1/export.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const rows = parseCsv(text, { bom: true, relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(exportColumns.map((c) => c.key));
    const body = rows.slice(1);
    const total = await apiTotal();
    expect(total).toBeGreaterThan(1);
    // one row per published version: every practice and every published translation (each has its page)
    expect(body).toHaveLength(await Practice.countDocuments({ status: "published" }));
    expect(body.length).toBeGreaterThanOrEqual(total);
    const ids = body.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(formulaId);
    expect(ids).toContain(markupId);
    // SDG targets and the evidence level travel with every practice (the demo seed sets both)
    const col = (k: string) => rows[0].indexOf(k);
    expect(col("sdgTargets")).toBeGreaterThan(0);
    const withTargets = body.filter((r) => /^\d{1,2}\.[0-9a-z]{1,2}(\|\d{1,2}\.[0-9a-z]{1,2})*$/.test(r[col("sdgTargets")]));
    expect(withTargets.length).toBeGreaterThan(0);
    for (const r of body) expect(["not-assessed", "monitored", "evaluated-internal", "evaluated-independent", "replicated"]).toContain(r[col("evidenceLevel")]);
  });

  it("neutralizes cells a spreadsheet would run as formulas, keeps the rest as typed", async () => {
    const rows = parseCsv(await (await anon.get("/api/v1/export.csv")).text(), { bom: true, columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.id === formulaId)!;
    expect(row.title).toBe(`'${formulaTitle}`);
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    const m = rows.find((r) => r.id === markupId)!;
    expect(m.title.startsWith(markupTitle)).toBe(true);
    expect(m.url).toBe(`${HUB}/practices/${markupSlug}`);
    expect(m.licence).toBe("CC BY 4.0");
  });

  it("uses the licence an administrator sets on the settings page", async () => {
    expect((await member.get("/admin/settings")).status).toBe(403);
    const bad = await admin.post("/admin/settings", { licenceName: "", licenceUrl: "javascript:alert(1)" });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('aria-invalid="true"');
    const ok = await admin.post("/admin/settings", { licenceName: "ODC-By 1.0", licenceUrl: "https://opendatacommons.org/licenses/by/1-0/" });
    expect(ok.status).toBe(302);
    const rows = parseCsv(await (await anon.get("/api/v1/export.csv")).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.licence))).toEqual(new Set(["ODC-By 1.0"]));
    expect(await (await anon.get("/api")).text()).toContain("ODC-By 1.0");
    await mongoose.connection.collection("settings").deleteMany({});
  });
});

describe("JSON export", () => {
  it("is one JSON array with the same ids as the CSV, lists as arrays", async () => {
    const res = await anon.get("/api/v1/export.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const records = (await res.json()) as Array<Record<string, unknown>>;
    const csv = parseCsv(await (await anon.get("/api/v1/export.csv")).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.id).sort()).toEqual(csv.map((r) => r.id).sort());
    await apiTotal();
    expect(records).toHaveLength(await Practice.countDocuments({ status: "published" }));
    const f = records.find((r) => r.id === formulaId)!;
    expect(f.title).toBe(formulaTitle);
    expect(Array.isArray(f.objectives)).toBe(true);
    expect(Object.keys(f)).toEqual(exportColumns.map((c) => c.key));
  });
});

describe("Atom feeds", () => {
  it("the practices feed is well-formed Atom with the new practices, markup escaped and control characters gone", async () => {
    const res = await anon.get("/feeds/practices.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const text = await res.text();
    expect(XMLValidator.validate(text)).toBe(true);
    expect(atomErrors(text)).toEqual([]);
    expect(text).not.toMatch(/[\u0001\u001b\u000b]/);
    const feed = xml.parse(text).feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.entry.length).toBeGreaterThan(1);
    const entry = feed.entry.find((e: { link: Array<{ "@href": string }> }) => e.link[0]["@href"] === `${HUB}/practices/${markupSlug}`);
    expect(entry).toBeTruthy();
    expect(entry.title["#text"]).toBe(`${markupTitle} end`);
    expect(entry.id).toMatch(new RegExp(`practice:${markupId}$`));
  });

  it("per objective and per region feeds filter, unknown ones are 404", async () => {
    const p = (await Practice.findById(formulaId).lean())!;
    const objectiveFeed = await (await anon.get(`/feeds/objectives/${p.objectives[0]}.xml`)).text();
    expect(atomErrors(objectiveFeed)).toEqual([]);
    const o = xml.parse(objectiveFeed).feed;
    expect(o.entry.some((e: { id: string }) => e.id.endsWith(formulaId))).toBe(true);
    const other = [1, 2, 3, 4, 5].find((n) => !p.objectives.includes(n))!;
    const none = xml.parse(await (await anon.get(`/feeds/objectives/${other}.xml`)).text()).feed;
    expect((none.entry ?? []).some((e: { id: string }) => e.id.endsWith(formulaId))).toBe(false);
    const r = await anon.get(`/feeds/regions/${p.regions[0].toLowerCase()}.xml?lng=fr`);
    expect(r.status).toBe(200);
    const regionFeed = await r.text();
    expect(atomErrors(regionFeed)).toEqual([]);
    expect(xml.parse(regionFeed).feed.entry.some((e: { id: string }) => e.id.endsWith(formulaId))).toBe(true);
    expect((await anon.get("/feeds/objectives/99.xml")).status).toBe(404);
    expect((await anon.get("/feeds/regions/atlantis.xml")).status).toBe(404);
  });

  it("pages announce their feed in <head>", async () => {
    const link = (html: string) => /<link[^>]*rel="alternate"[^>]*type="application\/atom\+xml"[^>]*>/.exec(html.split("</head>")[0])?.[0] ?? "";
    expect(link(await (await anon.get("/")).text())).toContain('href="/feeds/practices.xml"');
    expect(link(await (await anon.get("/practices")).text())).toContain('href="/feeds/practices.xml"');
    expect(link(await (await anon.get("/objectives/3")).text())).toContain('href="/feeds/objectives/3.xml"');
    expect(link(await (await anon.get("/regions/africa")).text())).toContain('href="/feeds/regions/africa.xml"');
  });
});

describe("sitemap and robots.txt", () => {
  it("sitemap.xml is a well-formed urlset with published practices and without drafts", async () => {
    const res = await anon.get("/sitemap.xml");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(XMLValidator.validate(text)).toBe(true);
    expect(sitemapErrors(text)).toEqual([]);
    // The per-source files a large hub's index points at are urlsets too.
    const part = await anon.get("/sitemaps/static.xml");
    expect(part.status).toBe(200);
    expect(sitemapErrors(await part.text())).toEqual([]);
    const set = xml.parse(text).urlset;
    expect(set["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const locs = set.url.map((u: { loc: string }) => u.loc);
    expect(locs).toContain(`${HUB}/practices/${markupSlug}`);
    expect(locs).toContain(`${HUB}/objectives/1`);
    expect(locs).toContain(`${HUB}/api`);
    expect(locs).not.toContain(`${HUB}/practices/${draftSlug}`);
    expect(locs.some((l: string) => l.startsWith(`${HUB}/threads/`))).toBe(true);
    expect(locs.some((l: string) => l.startsWith(`${HUB}/spaces/`))).toBe(true);
    const u = set.url.find((x: { loc: string }) => x.loc === `${HUB}/practices/${markupSlug}`);
    expect(Number.isNaN(Date.parse(u.lastmod))).toBe(false);
    expect(locs.length).toBeGreaterThanOrEqual((await apiTotal()) + 23);
  });

  it("robots.txt points at the sitemap and keeps crawlers out of private areas", async () => {
    const res = await anon.get("/robots.txt");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`Sitemap: ${HUB}/sitemap.xml`);
    for (const p of ["/admin", "/moderation", "/me"]) expect(text).toContain(`Disallow: ${p}\n`);
  });
});

describe("practice page metadata", () => {
  it("has description, canonical, hreflang alternates, OpenGraph, Twitter and JSON-LD that parses", async () => {
    const res = await anon.get(`/practices/${markupSlug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const head = html.split("</head>")[0];
    expect(head).toContain(`<link rel="canonical" href="${HUB}/practices/${markupSlug}"/>`);
    // (HTML attribute names are case-insensitive: React writes hrefLang.)
    for (const l of ["en", "fr", "es"]) expect(head.toLowerCase()).toContain(`<link rel="alternate" hreflang="${l}" href="${HUB}/practices/${markupSlug}?lng=${l}"/>`.toLowerCase());
    expect(head).toContain(`href="${HUB}/practices/${markupSlug}"/>`);
    expect(head).toContain('<meta property="article:published_time"');
    expect(head).not.toMatch(/[\u0001\u001b]/);
    expect(head).toMatch(/<meta property="og:title" content="Feed &lt;b&gt;&amp;amp; &quot;quotes&quot;/);
    expect(head).toContain('<meta name="twitter:card" content="summary"/>');
    expect(head).toMatch(/<meta name="description" content="Breakout &lt;\/script&gt;/);
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).not.toContain("<");
    const ld = JSON.parse(scripts[0][1]);
    expect(ld["@type"]).toBe("Article");
    expect(ld.name).toBe(`${markupTitle} end`);
    expect(ld.description).toContain("</script><script>alert(1)</script>");
    expect(ld.inLanguage).toBe("en");
    expect(ld.datePublished).toBeTruthy();
    expect(Array.isArray(ld.about) && ld.about.length > 0).toBe(true);
    expect(Array.isArray(ld.spatialCoverage) && ld.spatialCoverage.length > 0).toBe(true);
    const fr = await (await anon.get(`/practices/${markupSlug}?lng=fr`)).text();
    expect(fr).toContain(`<link rel="canonical" href="${HUB}/practices/${markupSlug}?lng=fr"/>`);
  });
});

describe("CORS on the read API", () => {
  it("GET /api/v1/search answers any origin, without credentials", async () => {
    const res = await anon.get("/api/v1/search?q=migration", { origin: "https://elsewhere.example" });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("an OPTIONS preflight answers 204 with the CORS headers, without running a loader", async () => {
    const res = await fetch(`${HUB}/api/v1/search?q=x`, {
      method: "OPTIONS",
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET", "access-control-request-headers": "content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("GET");
    expect(res.headers.get("access-control-allow-headers")).toContain("content-type");
    // Other paths keep the hub's OPTIONS answer, with no CORS header.
    const page = await fetch(`${HUB}/practices`, { method: "OPTIONS", headers: { origin: "https://elsewhere.example" } });
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
  });
});
