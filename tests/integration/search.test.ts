// Search against the real Meilisearch: typos, languages, facets, snippets, bad input, the page.
import { beforeAll, describe, expect, it } from "vitest";
import { htmlErrors } from "../helpers/browser";
import { Client, HUB } from "../helpers/http";
import { api, waitForIndex } from "./search-helpers";

const slugs = (body: { hits: { slug: string }[] }) => body.hits.map((h) => h.slug);

beforeAll(async () => {
  await waitForIndex();
});

describe("search API", () => {
  it("indexes every published practice and nothing else", async () => {
    const published = await (await fetch(`${HUB}/api/v1/practices?perPage=1`)).json();
    const { status, body } = await api("type=practice&perPage=1");
    expect(status).toBe(200);
    expect(body.total).toBe(published.total);
    expect(body.facets.type.practice).toBe(published.total);
    expect(body.facets.type.thread).toBeGreaterThan(0);
    const drafts = (await import("../../scripts/seed/data/drafts.json")).default as { slug: string; title: string }[];
    for (const d of drafts.slice(0, 3)) {
      const r = await api(`q=${encodeURIComponent(d.title)}&type=practice&perPage=100`);
      expect(slugs(r.body)).not.toContain(d.slug);
    }
  });

  it("finds remittance practices despite a typo", async () => {
    const { status, body } = await api("q=remitances&type=practice");
    expect(status).toBe(200);
    expect(slugs(body)).toContain("digital-remittances-pacific-cost-reduction");
    const hit = body.hits.find((h: { slug: string }) => h.slug === "digital-remittances-pacific-cost-reduction");
    expect(hit).toMatchObject({ type: "practice", url: "/practices/digital-remittances-pacific-cost-reduction" });
    expect(hit.title).toMatch(/remittances/i);
  });

  it("finds French and Spanish practices with queries in their language", async () => {
    const fr = await api(`q=${encodeURIComponent("transferts de fonds Sénégal")}`);
    expect(slugs(fr.body)).toContain("transferts-de-fonds-numeriques-corridor-france-senegal");
    const es = await api(`q=${encodeURIComponent("remesas mujeres Guatemala")}`);
    expect(slugs(es.body)).toContain("remesas-inclusion-financiera-mujeres-guatemala");
    const fr2 = await api(`q=${encodeURIComponent("apatridie")}&lang=fr`);
    expect(slugs(fr2.body)).toContain("enregistrement-naissances-prevention-apatridie-madagascar");
    for (const h of fr2.body.hits) expect(h.type).toBe("practice");
  });

  it("matches country names in other languages and field synonyms", async () => {
    const kenia = await api("q=Kenia&type=practice");
    expect(slugs(kenia.body)).toContain("igad-climate-mobility-disaster-displacement-framework");
    // "remesas" (es) also finds the English remittance practice through the synonym list.
    const remesas = await api("q=remesas&type=practice&perPage=50");
    expect(slugs(remesas.body)).toContain("digital-remittances-pacific-cost-reduction");
    const igm = await api("q=IGM&type=practice&perPage=50");
    expect(slugs(igm.body)).toContain("mgi-assessment-informs-national-migration-policy-ghana");
  });

  it("makes threads searchable through the text of their replies", async () => {
    // "caseload" only appears in a reply, not in the thread's title or opening post.
    const { body } = await api("q=caseload&type=thread");
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits[0].url).toMatch(/^\/threads\/[a-f0-9]{24}$/);
    expect(body.hits[0].title).toMatch(/alternatives to detention/i);
  });

  it("marks matches in snippets and escapes everything else", async () => {
    const { body } = await api("q=remittances&perPage=20");
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits.some((h: { snippet: string }) => h.snippet.includes("<mark>"))).toBe(true);
    for (const h of body.hits) {
      const rest = h.snippet.replace(/<\/?mark>/g, "");
      expect(rest).not.toMatch(/[<>]/);
    }
  });

  it("each facet count equals the total when that facet is applied", async () => {
    const params: Record<string, string> = {
      objectives: "objective",
      principles: "principle",
      region: "region",
      countries: "country",
      stakeholderTypes: "stakeholderType",
      sdgTargets: "sdg",
      evidenceLevel: "evidence",
      language: "lang",
      year: "year",
      type: "type",
    };
    for (const base of ["", "q=migration"]) {
      const { body } = await api(`${base}&perPage=1`);
      for (const [attr, param] of Object.entries(params)) {
        const dist = body.facets[attr] as Record<string, number>;
        expect(Object.keys(dist).length, attr).toBeGreaterThan(0);
        for (const [value, count] of Object.entries(dist).slice(0, 3)) {
          const r = await api(`${base}&${param}=${encodeURIComponent(value)}&perPage=1`);
          expect(r.status).toBe(200);
          expect(r.body.total, `${base} ${param}=${value}`).toBe(count);
        }
      }
    }
  });

  it("computes facet counts disjunctively (OR within a facet, AND across facets)", async () => {
    const both = await api("objective=20&objective=19&perPage=1");
    const one = await api("objective=20&perPage=1");
    expect(both.body.total).toBeGreaterThanOrEqual(one.body.total);
    const r = await api("objective=20&region=Africa&perPage=1");
    expect(r.status).toBe(200);
    // The objective counts ignore the objective filter but keep the region filter …
    const o19 = await api("objective=19&region=Africa&perPage=1");
    expect(r.body.facets.objectives["19"] ?? 0).toBe(o19.body.total);
    // … and the region counts ignore the region filter but keep the objective filter.
    const americas = await api("objective=20&region=Americas&perPage=1");
    expect(r.body.facets.region.Americas ?? 0).toBe(americas.body.total);
    expect(r.body.facets.region.Africa ?? 0).toBe(r.body.total);
  });

  it("sorts by newest and paginates", async () => {
    const p1 = await api("sort=newest&type=practice&perPage=5&page=1");
    const p2 = await api("sort=newest&type=practice&perPage=5&page=2");
    expect(p1.status).toBe(200);
    expect(p1.body.hits).toHaveLength(5);
    expect(p2.body.page).toBe(2);
    const overlap = slugs(p1.body).filter((s: string) => slugs(p2.body).includes(s));
    expect(overlap).toEqual([]);
  });

  it("newest first is ordered by publication date with or without a query; relevance stays the default", async () => {
    const dates = (b: { hits: { publishedAt: string | null }[] }) => b.hits.map((h) => Date.parse(h.publishedAt ?? ""));
    for (const qs of ["sort=newest&perPage=40", "q=migrants&sort=newest&perPage=40", "q=migrantes&sort=newest&perPage=40", "q=migrants&sort=newest&type=practice&perPage=20&page=2"]) {
      const { status, body } = await api(qs);
      expect(status).toBe(200);
      expect(body.hits.length, qs).toBeGreaterThan(3);
      const d = dates(body);
      expect(d.every((x) => Number.isFinite(x)), `${qs}: every hit carries publishedAt`).toBe(true);
      expect(d, qs).toEqual([...d].sort((a, b) => b - a));
    }
    // Without sort=newest a query ranks by relevance, which is not the date order here.
    const relevance = dates((await api("q=migrants&perPage=40")).body);
    expect(relevance).not.toEqual([...relevance].sort((a, b) => b - a));
    // The page lists the same order as the API.
    const html = await (await fetch(`${HUB}/search?q=migrants&sort=newest&type=practice`)).text();
    const api1 = (await api("q=migrants&sort=newest&type=practice&perPage=20")).body.hits.map((h: { url: string }) => h.url);
    const onPage = [...html.matchAll(/<a [^>]*href="(\/practices\/[^"?#]+)"/g)].map((m) => m[1]).filter((u, i, a) => a.indexOf(u) === i && api1.includes(u));
    expect(onPage.slice(0, 5)).toEqual(api1.slice(0, 5));
  });

  it.each([
    "objective=1%20OR%201%3D1",
    "region=Africa%22",
    "region=Atlantis",
    "country=XX",
    "principle=nope",
    "stakeholderType=robot",
    "lang=de",
    "year=1800",
    "type=user",
    "page=0",
    "perPage=100000",
    "sort=price",
    "filter=objectives%20%3D%201",
    `q=${"x".repeat(10_240)}`,
    `q=${"a".repeat(201)}`,
  ])("answers 400 with a message for %s", async (qs) => {
    const { status, body } = await api(qs);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/Invalid parameter/);
  });

  it("treats hostile text as text", async () => {
    for (const q of ['" OR type = thread', "objectives = 1 OR 1=1", "<script>alert(1)</script>", "\\", "*", "%00", "((("]) {
      const { status, body } = await api(`q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      for (const h of body.hits) expect(h.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    }
  });
});

describe("/search page", () => {
  it("renders results with highlights, facets with counts and valid HTML", async () => {
    const res = await new Client().get("/search?q=remitances&objective=20");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<mark>");
    const box = html.match(/<input[^>]*id="facet-objective-20"[^>]*>/)?.[0] ?? "";
    expect(box).toContain("checked");
    expect(html).toMatch(/id="facet-objective-19"/);
    expect(html).toContain('href="/search?q=remitances"'); // the chip that removes objective 20
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("is translated and shows a helpful empty state", async () => {
    const res = await new Client().get("/search?q=zzzzqqqxxx&lng=fr");
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Aucun résultat pour");
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("ignores bad parameters and says so, never a 500", async () => {
    const res = await new Client().get(`/search?q=remittances&region=Atlantis&objective=1%20OR%201%3D1&page=0&perPage=100000`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/was ignored: .*region/);
    expect(html).toContain("<mark>");
    const long = await new Client().get(`/search?q=${"x".repeat(10_240)}`);
    expect(long.status).toBe(200);
    expect(await long.text()).toMatch(/was ignored: q/);
  });
});
