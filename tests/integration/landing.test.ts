// Objective and region pages: counts that match what /search finds, links into /search,
// translated, valid HTML, 404 for anything outside the taxonomy.
import { describe, expect, it } from "vitest";
import { htmlErrors } from "../helpers/browser";
import { Client, HUB } from "../helpers/http";
import { api, waitForIndex } from "./search-helpers";

const page = async (path: string) => {
  const res = await new Client().get(path);
  return { status: res.status, html: (await res.text()).replace(/<!-- -->/g, "") };
};
const decode = (href: string) => href.replace(/&amp;/g, "&");
/** The total shown in the page's summary line ("12 practices"). */
const shownTotal = (html: string) => Number(/<p class="landing-stats"><strong>([\d,]+) practices?<\/strong>/.exec(html)?.[1].replace(/,/g, ""));
/** Every "label — N practices" link into /search, with its count. */
const countLinks = (html: string) =>
  [...html.matchAll(/<a [^>]*?href="(\/search\?[^"]+)"[^>]*>[^<]+<\/a><span class="muted"> ([\d,]+) practices?<\/span>/g)].map((m) => ({
    href: decode(m[1]),
    count: Number(m[2].replace(/,/g, "")),
  }));

describe("objective pages", () => {
  it("lists the 23 objectives with their counts", async () => {
    await waitForIndex();
    const { status, html } = await page("/objectives");
    expect(status).toBe(200);
    for (const n of [1, 7, 23]) expect(html).toContain(`href="/objectives/${n}"`);
    expect(html).toMatch(/<h1>The 23 objectives of the Global Compact for Migration<\/h1>/);
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("shows counts that match search and links every count into /search", async () => {
    const { status, html } = await page("/objectives/20");
    expect(status).toBe(200);
    expect(html).toContain("Objective 20");
    expect(html).toContain('href="/search?objective=20&amp;type=practice"');
    const total = (await api("objective=20&type=practice")).body.total;
    expect(total).toBeGreaterThan(0);
    expect(shownTotal(html)).toBe(total);
    const links = countLinks(html);
    expect(links.length).toBeGreaterThan(1); // regions and principles
    for (const l of links.slice(0, 4)) {
      const r = await api(l.href.replace("/search?", ""));
      expect(r.body.total, l.href).toBe(l.count);
    }
    expect(html).toContain('href="/objectives/19"');
    expect(html).toContain('href="/objectives/21"');
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("is translated", async () => {
    const fr = await page("/objectives/7?lng=fr");
    expect(fr.html).toContain('<html lang="fr"');
    expect(fr.html).toContain("Objectif 7");
    expect(fr.html).toContain("Rechercher toutes les pratiques de l’objectif 7");
    const es = await page("/objectives/7?lng=es");
    expect(es.html).toContain("Objetivo 7");
  });

  it("answers 404 outside the taxonomy", async () => {
    for (const bad of ["0", "24", "07x", "abc", "1e1", "-1", "%20"]) {
      const { status } = await page(`/objectives/${bad}`);
      expect(status, bad).toBe(404);
    }
  });
});

describe("region pages", () => {
  it("lists the regions with their counts", async () => {
    const { status, html } = await page("/regions");
    expect(status).toBe(200);
    for (const r of ["africa", "americas", "asia", "europe", "oceania", "global"]) expect(html).toContain(`href="/regions/${r}"`);
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("shows counts that match search, by objective and by country", async () => {
    const { status, html } = await page("/regions/africa");
    expect(status).toBe(200);
    expect(html).toContain("<h1>Africa</h1>");
    const total = (await api("region=Africa&type=practice")).body.total;
    expect(total).toBeGreaterThan(0);
    expect(shownTotal(html)).toBe(total);
    const links = countLinks(html);
    const byCountry = links.filter((l) => l.href.includes("country="));
    expect(byCountry.length).toBeGreaterThan(0);
    for (const l of [...links.slice(0, 2), ...byCountry.slice(0, 2)]) {
      const r = await api(l.href.replace("/search?", ""));
      expect(r.body.total, l.href).toBe(l.count);
    }
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("redirects the taxonomy's spelling and answers 404 for unknown regions", async () => {
    const res = await fetch(`${HUB}/regions/Africa`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/regions/africa");
    expect((await page("/regions/atlantis")).status).toBe(404);
    expect((await page("/regions/africa?lng=es")).html).toContain("<h1>África</h1>");
  });
});
