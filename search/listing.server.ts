// Listings of published practices (/practices, /api/v1/practices) read from the index — the read
// model of decision 009 — so a page costs one Meilisearch query at any size instead of reading the
// whole collection (decision 015). MongoDB, the truth, answers when Meilisearch cannot.
import type { Filters } from "../models/filters.server";
import { listPublishedPractices, type CoverImage, type PracticeCard } from "../models/practice-query.server";
import { indexName, meili } from "./client.server";
import { buildFilter, isUnavailable } from "./query.server";
import { log } from "../models/log.server";

/** A practice as the index stores it (the fields a card needs). */
export interface IndexedPractice {
  id: string;
  slug: string;
  title: string;
  language: string;
  objectives?: number[];
  principles?: string[];
  region?: string[];
  countries?: string[];
  organizations?: string[];
  sdgTargets?: string[];
  evidenceLevel?: string;
  publishedAt?: number;
  /** The practice's published versions by language (decision 039). */
  versions?: Record<string, { slug?: string; title?: string } | undefined>;
  cover?: CoverImage | null;
  [summary: `summary_${string}`]: string | undefined;
}

export const cardAttributes = ["id", "slug", "title", "language", "versions", "objectives", "principles", "region", "countries", "organizations", "sdgTargets", "evidenceLevel", "publishedAt", "cover", "summary_*"];

/** A card for a reader of `uiLang`: the practice's version in that language when it has one. */
export const indexedToCard = (d: IndexedPractice, uiLang?: string): PracticeCard => {
  const v = uiLang && uiLang !== d.language && d.versions?.[uiLang]?.slug ? d.versions[uiLang]! : null;
  const language = v ? uiLang! : d.language;
  return {
  id: d.id,
  slug: v ? String(v.slug) : d.slug,
  title: v ? String(v.title ?? d.title) : d.title,
  summary: d[`summary_${language}`] ?? "",
  language,
  objectives: d.objectives ?? [],
  principles: d.principles ?? [],
  regions: (d.region ?? []).filter((r) => r !== "global"),
  countries: d.countries ?? [],
  organizations: d.organizations ?? [],
  sdgTargets: d.sdgTargets ?? [],
  evidenceLevel: d.evidenceLevel ?? "not-assessed",
  publishedAt: d.publishedAt ? new Date(d.publishedAt).toISOString() : null,
  cover: d.cover ?? null,
  };
};

export interface PracticeListing {
  total: number;
  hits: PracticeCard[];
  /** "index" when Meilisearch answered; "database" for the MongoDB fallback. */
  source: "index" | "database";
}

/** Published practices matching the filters, newest first; `perPage` 0 gives only the total. */
export async function listPractices(filters: Filters, page: number, perPage: number, uiLang?: string): Promise<PracticeListing> {
  try {
    const res = await meili()
      .index(indexName("practices"))
      .search<IndexedPractice>("", {
        filter: buildFilter(filters),
        sort: ["publishedAt:desc"],
        page,
        hitsPerPage: perPage,
        attributesToRetrieve: cardAttributes,
      });
    return { total: (res as { totalHits?: number }).totalHits ?? 0, hits: res.hits.map((h) => indexedToCard(h, uiLang)), source: "index" };
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "practice listing: index query failed, using MongoDB");
  }
  return { ...(await listPublishedPractices(filters, page, perPage)), source: "database" };
}
