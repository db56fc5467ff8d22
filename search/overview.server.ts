// Landing pages (home, a GCM objective, a region): how much evidence there is, where, and the
// newest practices. The index answers (one multi-search, milliseconds at any size); MongoDB
// answers when Meilisearch cannot, with totals and the newest practices but no breakdown.
import type { MultiSearchResponse } from "meilisearch";
import { emptyFilters } from "../models/filters.server";
import { countsByObjective, listPublishedPractices, type PracticeCard } from "../models/practice-query.server";
import { indexName, meili } from "./client.server";
import { keptIndexRead } from "./kept-reads.server";
import { buildFilter, isUnavailable } from "./query.server";
import { cardAttributes, indexedToCard, type IndexedPractice } from "./listing.server";
import { log } from "../models/log.server";

export interface OverviewScope {
  objective?: number;
  region?: string;
}

type Counts = Record<string, number>;

export interface PracticeOverview {
  /** "index" when Meilisearch answered; "database" for the MongoDB fallback. */
  source: "index" | "database";
  total: number;
  /** Visible discussions in the same scope; null when unknown (fallback). */
  threads: number | null;
  /** Practices per objective / region / country / principle; null when unknown. */
  breakdown: { objectives: Counts; region: Counts; countries: Counts; principles: Counts } | null;
  latest: PracticeCard[];
}

export async function practiceOverview(scope: OverviewScope, latest = 6): Promise<PracticeOverview> {
  const filters = emptyFilters();
  if (scope.objective) filters.objective.push(scope.objective);
  if (scope.region) filters.region.push(scope.region);
  const filter = buildFilter(filters);
  try {
    // The same for every reader: kept while the published content has not changed (decision 066).
    return await keptIndexRead(`overview:${JSON.stringify({ filter, latest })}`, () => overviewFromIndex(filter, latest));
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "practice overview: index query failed, using MongoDB");
  }
  const list = await listPublishedPractices(filters, 1, latest);
  // The home page's per-objective counts are cheap enough on MongoDB for the demo-sized fallback.
  const objectives = !scope.objective && !scope.region ? await countsByObjective() : null;
  return {
    source: "database",
    total: list.total,
    threads: null,
    breakdown: objectives ? { objectives: objectives as Counts, region: {}, countries: {}, principles: {} } : null,
    latest: list.hits,
  };
}

async function overviewFromIndex(filter: string[], latest: number): Promise<PracticeOverview> {
  const res = (await meili().multiSearch({
    queries: [
      {
        indexUid: indexName("practices"),
        q: "",
        filter,
        facets: ["objectives", "region", "countries", "principles"],
        sort: ["publishedAt:desc"],
        page: 1,
        hitsPerPage: latest,
        attributesToRetrieve: cardAttributes,
      },
      { indexUid: indexName("threads"), q: "", filter, page: 1, hitsPerPage: 0 },
    ],
  })) as MultiSearchResponse<Record<string, unknown>>;
  const [practices, threads] = res.results;
  const dist = (practices.facetDistribution ?? {}) as Record<string, Counts>;
  return {
    source: "index",
    total: practices.totalHits ?? 0,
    threads: threads.totalHits ?? 0,
    breakdown: { objectives: dist.objectives ?? {}, region: dist.region ?? {}, countries: dist.countries ?? {}, principles: dist.principles ?? {} },
    latest: (practices.hits as unknown as IndexedPractice[]).map((d) => indexedToCard(d)),
  };
}
