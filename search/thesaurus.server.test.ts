import { describe, expect, it } from "vitest";
import data from "../models/data/thesaurus.json";
import { contentLanguages } from "../models/taxonomy";
import { concepts, expandQuery, normalizeTerm } from "./thesaurus.server";

describe("the thesaurus data", () => {
  it("has at least 300 concepts with sources, each with terms in the six languages and no term in two concepts", () => {
    expect((data as { sources: string[] }).sources.length).toBeGreaterThanOrEqual(3);
    expect(concepts.length).toBeGreaterThanOrEqual(300);
    expect(new Set(concepts.map((c) => c.id)).size).toBe(concepts.length);
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const c of concepts) {
      expect(["gcm", "iom-glossary", "sdg", "practice"]).toContain(c.source);
      for (const l of contentLanguages) {
        expect(c.terms[l]?.length, `${c.id} ${l}`).toBeGreaterThan(0);
        for (const t of c.terms[l]) {
          expect(t).toMatch(/^[^"()<>=!&|,]{1,60}$/);
          const key = `${l}:${normalizeTerm(t)}`;
          if (seen.has(key) && seen.get(key) !== c.id) clashes.push(`${key} in ${seen.get(key)} and ${c.id}`);
          seen.set(key, c.id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe("expandQuery", () => {
  it("names a French query's concept in the other languages", () => {
    const e = expandQuery("santé des migrants");
    expect(e.matched.map((m) => [m.id, m.lang])).toEqual([["migrant-health", "fr"]]);
    expect(e.queries.en).toBe("migrant health");
    expect(e.queries.es).toBe("salud de los migrantes");
    expect(e.queries.fr).toBeUndefined();
    expect(Object.keys(e.queries).sort()).toEqual(["ar", "en", "es", "ru", "zh"]);
  });

  it("matches without accents, stop words or case, keeps the words no concept covers, and finds Chinese inside text", () => {
    expect(expandQuery("Travailleurs Saisonniers Ghana").queries.en).toBe("seasonal worker ghana");
    expect(expandQuery("sante migrants").matched[0]?.id).toBe("migrant-health");
    expect(expandQuery("季节性工人的权利").matched.map((m) => m.id)).toContain("seasonal-worker");
  });

  it("expands nothing for words that are no concept, and never emits anything but words", () => {
    expect(expandQuery("zzzz qqqq")).toEqual({ matched: [], queries: {} });
    const hostile = expandQuery(`remesas" OR language = "fr`);
    for (const q of Object.values(hostile.queries)) expect(q).not.toMatch(/["=]/);
  });
});
