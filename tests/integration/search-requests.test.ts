// A search alone asks Meilisearch for its hits and its facet counts side by side; while other
// searches wait, in one request (decision 068). Both ways answer the same.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { emptyFilters } from "../../models/filters.server";
import { meili } from "../../search/client.server";
import { buildRequests, searchHub, type SearchParams } from "../../search/query.server";
import { waitForIndex } from "./search-helpers";

const params: SearchParams = { q: "remittances", filters: { ...emptyFilters(), objective: [20], type: ["practice"] }, sort: "relevance", page: 1, perPage: 5 };

beforeAll(async () => {
  await waitForIndex();
});
afterEach(() => vi.restoreAllMocks());

describe("search requests", () => {
  it("puts the facet counts beside the hits, or in the same request", () => {
    const apart = buildRequests(params, true);
    expect(apart.main.federation?.facetsByIndex).toBeUndefined();
    expect(apart.facetQueries.map((f) => f.attrs)).toEqual([expect.arrayContaining(["objectives", "type", "countries"]), ["objectives"], ["type"]]);
    const together = buildRequests(params, false);
    expect(Object.values(together.main.federation?.facetsByIndex ?? {})[0]).toEqual(expect.arrayContaining(["objectives", "type", "countries"]));
    expect(together.facetQueries.map((f) => f.attrs)).toEqual([["objectives"], ["type"]]);
  });

  it("answers the same alone (side by side) and among others (one request each)", async () => {
    const spy = vi.spyOn(meili(), "multiSearch");
    const alone = await searchHub(params);
    expect(spy).toHaveBeenCalledTimes(4); // the hits, all the facets, the two disjunctive counts
    expect(alone.total).toBeGreaterThan(0);
    expect(alone.facets.type.practice).toBe(alone.total);
    expect(Object.keys(alone.facets.countries).length).toBeGreaterThan(0);

    spy.mockClear();
    const crowd = await Promise.all([searchHub(params), searchHub(params), searchHub(params)]);
    // The first of the three goes alone (4 requests); the two that find it in flight send their
    // hits with the facets (3 each).
    expect(spy).toHaveBeenCalledTimes(4 + 3 + 3);
    for (const r of crowd) {
      expect(r.total).toBe(alone.total);
      expect(r.facets).toEqual(alone.facets);
      expect(r.hits.map((h) => h.id)).toEqual(alone.hits.map((h) => h.id));
      expect(r.hits.map((h) => h.snippet)).toEqual(alone.hits.map((h) => h.snippet));
    }
  });
});
