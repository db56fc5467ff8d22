import { describe, expect, it } from "vitest";
import { parseSimilarQuery, relatedRequest, scoreCandidates, significantWords, titleSimilarity } from "./related.server";

const seed = { id: "a".repeat(24), title: "Mobile remittance kiosks for herders", objectives: [5, 18], region: ["Africa"], countries: ["GH", "SN"] };
const doc = (id: string, extra: Record<string, unknown> = {}) => ({ id, slug: `s-${id}`, title: `T ${id}`, language: "en", ...extra });

describe("related practices", () => {
  it("keeps the title's significant words only", () => {
    expect(significantWords("The return of migrants to their communities in Senegal")).toEqual(["return", "migrants", "communities", "senegal"]);
    expect(significantWords("Intégration des migrants à Québec")).toEqual(["integration", "migrants", "quebec"]);
  });

  it("measures title similarity on significant words", () => {
    expect(titleSimilarity("Mobile remittance kiosks", "mobile REMITTANCE kiosks!")).toBe(1);
    expect(titleSimilarity("Mobile remittance kiosks for herders", "Legal aid for herders")).toBeCloseTo(0.25);
    expect(titleSimilarity("", "x")).toBe(0);
  });

  it("builds filters from taxonomy values and the id only, never from text", () => {
    const { request, kinds } = relatedRequest({ ...seed, title: 'kiosks" OR status = "draft', region: ["Africa", 'Mars" OR 1=1'], countries: ["GH", "ZZZ"], objectives: [5, 99] });
    expect(kinds).toEqual(["objectiveRegion", "objective", "countries", "text"]);
    const filters = JSON.stringify(request.queries.map((q) => q.filter));
    expect(filters).not.toContain("Mars");
    expect(filters).not.toContain("99");
    expect(filters).not.toContain("ZZZ");
    expect(filters).toContain(`id != \\"${"a".repeat(24)}\\"`);
    expect(request.queries[3]).toMatchObject({ q: "kiosks status draft", matchingStrategy: "last" });
    // A malformed id is dropped, not placed in the filter.
    const r2 = relatedRequest({ ...seed, id: '" OR 1' });
    expect(JSON.stringify(r2.request.queries.map((q) => q.filter))).not.toContain("!=");
  });

  it("scores, gives reasons, drops the seed itself and caps the list", () => {
    const out = scoreCandidates(
      seed,
      [
        { kind: "objectiveRegion", hits: [doc("b", { objectives: [5], region: ["Africa"] }), doc("a".repeat(24), { objectives: [5], region: ["Africa"] })] },
        { kind: "objective", hits: [doc("c", { objectives: [18], region: ["Europe"] })] },
        { kind: "countries", hits: [doc("d", { objectives: [1], region: ["Africa"], countries: ["GH"] })] },
        { kind: "text", hits: [doc("e", { objectives: [2], region: ["Asia"], _rankingScore: 0.9 }), doc("f", { objectives: [2], region: ["Asia"], _rankingScore: 0.2 })] },
      ],
      5,
    );
    const reasons = Object.fromEntries(out.map((r) => [r.id, r.reason]));
    expect(reasons).toEqual({ b: "objectiveRegion", c: "objective", d: "countries", e: "topic" });
    expect(out[0].id).toBe("e"); // a strong text match ranks first (0.9 × 6)
    expect(scoreCandidates(seed, [{ kind: "objective", hits: "bcdefgh".split("").map((x) => doc(x, { objectives: [5] })) }], 5)).toHaveLength(5);
  });

  it("validates /practices/similar parameters", () => {
    const ok = parseSimilarQuery(new URLSearchParams("title=%20Kiosks%20&objective=5&objective=5&objective=18"));
    expect(ok).toEqual({ ok: true, value: { title: "Kiosks", objectives: [5, 18], excludeId: null } });
    for (const qs of ["", "title=Kiosks", "title=ab&objective=5", "title=Kiosks&objective=24", "title=Kiosks&objective=5&id=zz", "title=Kiosks&objective=5&q=1"]) {
      expect(parseSimilarQuery(new URLSearchParams(qs)).ok, qs).toBe(false);
    }
  });
});

describe("reserved practice slugs", () => {
  it("never gives a practice the slug of a static /practices/ route", async () => {
    const { slugify } = await import("../models/practice-slug");
    expect(slugify("Similar")).toBe("similar-practice");
    expect(slugify("New!")).toBe("new-practice");
    expect(slugify("Similar practices")).toBe("similar-practices");
  });
});
