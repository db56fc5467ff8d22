// The coverage map (/insights): published practices per GCM objective (rows) × a second axis
// (regions, guiding principles, stakeholder types, SDG targets, years), narrowed by filters. One Meilisearch
// multi-search answers it (a query per objective plus one for the column totals, facet
// distributions only); MongoDB answers when the index cannot, counting the same fields.
import type { MultiSearchResponse } from "meilisearch";
import type { Filters } from "../models/filters.server";
import { Practice, type PracticeDoc } from "../models/practice.server";
import { connectDb } from "../models/db.server";
import { objectives, principles, regions, stakeholderTypes } from "../models/taxonomy";
import { sdgTargets } from "../models/practice-evidence";
import { indexName, meili } from "./client.server";
import { practiceToDocument, type SearchDocument } from "./documents.server";
import { buildFilter, isUnavailable } from "./query.server";
import { log } from "../models/log.server";

/** The second axis of the matrix: its name in URLs, the index attribute, its filter key. */
export const insightAxes = {
  region: { attribute: "region", filterKey: "region", columns: () => regions },
  principle: { attribute: "principles", filterKey: "principle", columns: () => principles },
  stakeholderType: { attribute: "stakeholderTypes", filterKey: "stakeholderType", columns: () => stakeholderTypes },
  sdg: { attribute: "sdgTargets", filterKey: "sdg", columns: () => sdgTargets },
  year: { attribute: "year", filterKey: "year", columns: null },
} as const;
export type InsightAxis = keyof typeof insightAxes;
export const isInsightAxis = (s: string): s is InsightAxis => Object.hasOwn(insightAxes, s);

/** A cell with at most this many practices (and more than none) is thin evidence. */
export const THIN_AT_MOST = 2;

export interface InsightsQuery {
  axis: InsightAxis;
  /** Allowlisted filters; `year` holds every year of the chosen range. */
  filters: Filters;
}

export interface InsightsMatrix {
  source: "index" | "database";
  axis: InsightAxis;
  columns: string[];
  rows: { objective: number; total: number; cells: number[]; years: Record<string, number> }[];
  /** Practices per column across all objectives (a practice with two objectives counts once). */
  columnTotals: number[];
  total: number;
  /** Practices per publication year across all objectives, for the trend. */
  years: Record<string, number>;
}

const objectiveFilter = (filters: Filters, objective: number | null): Filters => ({ ...filters, objective: objective === null ? [] : [objective] });

/** The years shown on the year axis: the chosen range, else every year that has a practice. */
function yearColumns(filters: Filters, seen: Record<string, number>): string[] {
  const years = filters.year.length ? filters.year : Object.keys(seen).map(Number);
  if (!years.length) return [];
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  return Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
}

function assemble(source: InsightsMatrix["source"], q: InsightsQuery, all: { total: number; axis: Record<string, number>; years: Record<string, number> }, per: { total: number; axis: Record<string, number>; years: Record<string, number> }[]): InsightsMatrix {
  const def = insightAxes[q.axis];
  const columns = def.columns ? [...def.columns()] : yearColumns(q.filters, all.years);
  return {
    source,
    axis: q.axis,
    columns,
    rows: objectives.map((objective, i) => ({
      objective,
      total: per[i].total,
      cells: columns.map((c) => per[i].axis[c] ?? 0),
      years: per[i].years,
    })),
    columnTotals: columns.map((c) => all.axis[c] ?? 0),
    total: all.total,
    years: all.years,
  };
}

export async function coverageMatrix(q: InsightsQuery): Promise<InsightsMatrix> {
  const attribute = insightAxes[q.axis].attribute;
  try {
    const res = (await meili().multiSearch({
      queries: [null, ...objectives].map((o) => ({
        indexUid: indexName("practices"),
        q: "",
        filter: buildFilter(objectiveFilter(q.filters, o)),
        facets: [...new Set([attribute, "year"])],
        hitsPerPage: 0,
        page: 1,
      })),
    })) as MultiSearchResponse<Record<string, unknown>>;
    const counted = res.results.map((r) => {
      const dist = (r.facetDistribution ?? {}) as Record<string, Record<string, number>>;
      return { total: r.totalHits ?? 0, axis: dist[attribute] ?? {}, years: dist.year ?? {} };
    });
    return assemble("index", q, counted[0], counted.slice(1));
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "insights: index query failed, using MongoDB");
  }
  return countFromDatabase(q);
}

// ---- MongoDB fallback: the same documents the index holds, counted here -------------------

const fieldOfFilter: Record<keyof Filters, keyof SearchDocument> = {
  objective: "objectives",
  principle: "principles",
  region: "region",
  country: "countries",
  stakeholderType: "stakeholderTypes",
  lang: "language",
  year: "year",
  type: "type",
  sdg: "sdgTargets",
  evidence: "evidenceLevel",
};

/** The index's filter semantics (OR within a key, AND across keys) on one document. */
export function documentMatches(doc: SearchDocument, filters: Filters): boolean {
  for (const key of Object.keys(fieldOfFilter) as (keyof Filters)[]) {
    const wanted = filters[key] as (string | number)[];
    if (!wanted.length) continue;
    const v = doc[fieldOfFilter[key]];
    const have = (Array.isArray(v) ? v : [v]) as (string | number)[];
    if (!wanted.some((w) => have.includes(w))) return false;
  }
  return true;
}

const countedFields = "translationOf slug title language objectives principles regions subregions countries stakeholderTypes sdgTargets evidenceLevel scope status publishedAt createdAt updatedAt version ownerId";

async function countFromDatabase(q: InsightsQuery): Promise<InsightsMatrix> {
  await connectDb();
  const attribute = insightAxes[q.axis].attribute as keyof SearchDocument;
  const blank = () => ({ total: 0, axis: {} as Record<string, number>, years: {} as Record<string, number> });
  const all = blank();
  const per = objectives.map(blank);
  const add = (into: ReturnType<typeof blank>, doc: SearchDocument) => {
    into.total++;
    for (const v of [doc[attribute]].flat() as (string | number | null)[]) if (v !== null) into.axis[String(v)] = (into.axis[String(v)] ?? 0) + 1;
    if (doc.year !== null) into.years[String(doc.year)] = (into.years[String(doc.year)] ?? 0) + 1;
  };
  const cursor = Practice.find({ status: "published" }).select(countedFields).lean().cursor({ batchSize: 500 });
  for await (const p of cursor) {
    if (p.translationOf) continue; // one practice, whatever its versions (as the index counts)
    const doc = practiceToDocument(p as PracticeDoc);
    if (!documentMatches(doc, q.filters)) continue;
    add(all, doc);
    objectives.forEach((o, i) => {
      if (doc.objectives.includes(o)) add(per[i], doc);
    });
  }
  return assemble("database", q, all, per);
}
