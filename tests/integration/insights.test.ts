// /insights: every cell of the coverage map is the number of practices /api/v1/search finds with
// the same filters, for every axis; gaps lead to a pre-filled submission form; the CSV is the
// table as shown; bad parameters get a translated 400; the fallback counts the same as the index.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { htmlErrors } from "../helpers/browser";
import { Client, demo } from "../helpers/http";
import { api, canInjectFaults, eventually, startMeili, stopMeili, waitForIndex } from "./search-helpers";

const decode = (s: string) => s.replace(/&amp;/g, "&");
const page = async (path: string, c = new Client()) => {
  const res = await c.get(path);
  return { status: res.status, html: (await res.text()).replace(/<!-- -->/g, "") };
};
/** Every matrix cell: its /search link and the number it shows. */
const cells = (html: string) =>
  [...html.matchAll(/<td class="cell-(gap|thin|covered)"><a [^>]*href="\/search\?([^"]+)">([\d,]+)<\/a>/g)].map((m) => ({
    kind: m[1],
    query: decode(m[2]),
    count: Number(m[3].replace(/,/g, "")),
  }));

async function inBatches<T>(items: T[], n: number, fn: (x: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += n) await Promise.all(items.slice(i, i + n).map(fn));
}

describe("the coverage map", () => {
  for (const axis of ["region", "principle", "stakeholderType", "sdg", "year"]) {
    it(`every cell of objectives × ${axis} equals the search total with the same filters`, async () => {
      await waitForIndex();
      const { status, html } = await page(`/insights?axis=${axis}`);
      expect(status).toBe(200);
      const all = cells(html);
      const columns = { region: 6, principle: 10, stakeholderType: 12, sdg: 16, year: 1 }[axis]!;
      expect(all.length).toBeGreaterThanOrEqual(23 * columns);
      expect(all.length % 23).toBe(0);
      expect(all.some((c) => c.count > 0)).toBe(true);
      await inBatches(all, 8, async (c) => {
        const r = await api(c.query);
        expect(r.status, c.query).toBe(200);
        expect(r.body.total, c.query).toBe(c.count);
      });
      // cells say what they are in words, not by colour alone
      for (const c of all.filter((x) => x.kind === "gap").slice(0, 3)) expect(c.count).toBe(0);
      expect(html).toMatch(/<span class="cell-flag"> gap<\/span>/);
    }, 120_000);
  }

  it("filters narrow every cell, and the cells still match search", async () => {
    const { status, html } = await page("/insights?country=GH&lang=en&evidence=not-assessed&from=2000&to=2100");
    expect(status).toBe(200);
    const all = cells(html);
    for (const c of all) {
      expect(c.query).toContain("country=GH");
      expect(c.query).toContain("lang=en");
      expect(c.query).toContain("evidence=not-assessed");
    }
    const unfiltered = cells((await page("/insights")).html);
    expect(all.reduce((s, c) => s + c.count, 0)).toBeLessThan(unfiltered.reduce((s, c) => s + c.count, 0));
    await inBatches(all.filter((c) => c.count > 0).concat(all.slice(0, 10)), 8, async (c) => {
      expect((await api(c.query)).body.total, c.query).toBe(c.count);
    });
  }, 60_000);

  it("is valid HTML, translated, and names gaps with a link to a pre-filled submission form", async () => {
    const { html } = await page("/insights");
    expect(await htmlErrors(html)).toEqual([]);
    expect(html).toContain('<caption id="matrix-caption">');
    const gap = /<a [^>]*href="(\/practices\/new\?objective=(\d+)&amp;region=([A-Za-z]+))">submit a practice<\/a>/.exec(html);
    expect(gap).not.toBeNull();
    const member = await new Client().login(demo.member);
    const form = await page(decode(gap![1]), member);
    expect(form.status).toBe(200);
    const box = new RegExp(`<input[^>]*name="objectives"[^>]*value="${gap![2]}"[^>]*>`).exec(form.html)?.[0] ?? "";
    expect(box).toContain("checked");
    expect(form.html).toContain("would fill a gap in");
    const fr = await page("/insights?lng=fr");
    expect(fr.html).toContain("Où sont les données probantes");
  }, 60_000);

  it("refuses unknown axes, years and filter values with a translated 400, never a 500", async () => {
    for (const q of ["axis=colour", "evidence=proven",  "from=2030&to=2020", "country=XX", "stakeholderType=%3Cscript%3E", "from=abcd", "trend=99", "axis[$ne]=1"]) {
      const r = await page(`/insights?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.html, q).toContain("were not understood");
    }
    const csv = await new Client().get("/insights.csv?axis=colour");
    expect(csv.status).toBe(400);
  });

  it("downloads the table as shown as CSV, with the same numbers", async () => {
    const { html } = await page("/insights?axis=principle");
    const shown = cells(html);
    const res = await new Client().get("/insights.csv?axis=principle");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows.length).toBe(1 + 23 + 1);
    expect(rows[0].length).toBe(1 + 10 + 1);
    const numbers = rows.slice(1, 24).flatMap((r) => r.slice(1, 11).map(Number));
    expect(numbers).toEqual(shown.map((c) => c.count));
  });

  it.skipIf(!canInjectFaults())("counts from MongoDB with a notice while Meilisearch is down, and the numbers agree", async () => {
    const before = cells((await page("/insights")).html);
    await stopMeili();
    try {
      const { status, html } = await page("/insights");
      expect(status).toBe(200);
      expect(html).toContain('role="status"');
      expect(cells(html).map((c) => c.count)).toEqual(before.map((c) => c.count));
    } finally {
      await startMeili();
      await eventually(async () => (await api("q=")).status === 200, 30_000, "search to come back");
    }
  }, 90_000);
});
