// The query builder: one query over practices and threads (a federated multi-search), facet
// counts computed disjunctively (each facet without its own filter), filters built only from
// allowlisted values (models/filters.server.ts), snippets with <mark> and everything else escaped.
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type FederatedMultiSearchParams,
  type MultiSearchQueryWithFederation,
} from "meilisearch";
import { filterKeys, type FilterKey, type Filters } from "../models/filters.server";
import { escapeHtml } from "../models/html-escape";
import { markRequestDegraded } from "../models/log.server";
import { isCountry } from "../models/geo.server";
import { contentLanguages, isContentLanguage, isObjective, type ContentLanguage, isPrinciple, isRegion, isStakeholderType } from "../models/taxonomy";
import { isEvidenceLevel, isSdgTarget } from "../models/practice-evidence";
import { indexName, meili } from "./client.server";
import { facetAttributes, type FacetAttribute } from "./settings.server";
import { expandQuery } from "./thesaurus.server";

/** Weight of the cross-language queries: a match in the query's own language ranks first when
 *  relevance is otherwise equal. */
export const EXPANSION_WEIGHT = 0.9;

export type SearchSort = "relevance" | "newest";
export const searchSorts: readonly SearchSort[] = ["relevance", "newest"];

export interface SearchParams {
  q: string;
  filters: Filters;
  sort: SearchSort;
  page: number;
  perPage: number;
  /** Only practices answering this call (an id checked by callFilter in models/filters.server.ts). */
  callId?: string;
  /** Cross-language expansion through the thesaurus (default on). */
  expand?: boolean;
  /** The reader's language: a practice with a version in it is shown in that version. */
  uiLang?: string;
}

export interface SearchHit {
  type: "practice" | "thread";
  id: string;
  slug: string;
  url: string;
  title: string;
  /** Title with matches in <mark>, everything else escaped. */
  titleHtml: string;
  /** Cropped text with matches in <mark>, everything else escaped. */
  snippet: string;
  language: string;
  objectives: number[];
  region: string[];
  organizations: string[];
  /** Practices only (threads have none). */
  sdgTargets: string[];
  evidenceLevel: string | null;
  publishedAt: string | null;
}

export type FacetCounts = Record<FacetAttribute, Record<string, number>>;

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  processingTimeMs: number;
  hits: SearchHit[];
  facets: FacetCounts;
}

export class SearchUnavailableError extends Error {}

export const facetOfFilter: Record<FilterKey, FacetAttribute> = {
  objective: "objectives",
  principle: "principles",
  region: "region",
  country: "countries",
  stakeholderType: "stakeholderTypes",
  sdg: "sdgTargets",
  evidence: "evidenceLevel",
  lang: "language",
  year: "year",
  type: "type",
};

// Defence in depth: filters.server.ts already refused anything outside the taxonomy; this
// re-checks each value before it is placed, quoted, into a filter expression.
const valueOk: Record<FilterKey, (v: string | number) => boolean> = {
  objective: (v) => isObjective(v),
  principle: (v) => isPrinciple(v),
  region: (v) => isRegion(v),
  country: (v) => isCountry(v),
  stakeholderType: (v) => isStakeholderType(v),
  sdg: (v) => isSdgTarget(v),
  evidence: (v) => isEvidenceLevel(v),
  lang: (v) => isContentLanguage(v),
  year: (v) => typeof v === "number" && Number.isInteger(v) && v >= 1990 && v <= 2100,
  type: (v) => v === "practice" || v === "thread",
};

const safeLiteral = /^[A-Za-z0-9 .-]{1,64}$/;

/** Filter expressions (ANDed by Meilisearch): one `(a = x OR a = y)` group per active facet. */
export function buildFilter(filters: Filters, except?: FilterKey): string[] {
  const out: string[] = [];
  for (const key of filterKeys) {
    if (key === except) continue;
    const values = filters[key] as (string | number)[];
    if (!values.length) continue;
    const attr = facetOfFilter[key];
    const parts = values.map((v) => {
      if (!valueOk[key](v) || !safeLiteral.test(String(v))) throw new Error(`refused filter value for ${key}`);
      return typeof v === "number" ? `${attr} = ${v}` : `${attr} = "${v}"`;
    });
    out.push(parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`);
  }
  return out;
}

const PRE = "\u0002";
const POST = "\u0003";

/** Escapes the text and turns the highlight markers into balanced <mark> elements. */
export function markup(formatted: string): string {
  let out = "";
  let open = false;
  for (const part of formatted.split(/([\u0002\u0003])/)) {
    if (part === PRE) {
      if (!open) out += "<mark>";
      open = true;
    } else if (part === POST) {
      if (open) out += "</mark>";
      open = false;
    } else out += escapeHtml(part);
  }
  return open ? out + "</mark>" : out;
}

const langs = contentLanguages;
const highlighted = ["title", "summary", "sections", "replies"].flatMap((f) => langs.map((l) => `${f}_${l}`));
const cropped = ["summary", "sections", "replies"].flatMap((f) => langs.map((l) => `${f}_${l}`));
const retrieved = ["id", "type", "slug", "url", "title", "language", "versions", "objectives", "region", "organizations", "sdgTargets", "evidenceLevel", "publishedAt"];

/** The query's language when its script says so (Meilisearch's own detection of a two-character
 *  Chinese query is unreliable): Han → Chinese, Arabic script → Arabic, Cyrillic → Russian. Latin
 *  script is left to Meilisearch (en, fr and es share it). */
export function queryLocales(q: string): ("cmn" | "ara" | "rus")[] | undefined {
  if (/\p{Script=Han}/u.test(q)) return ["cmn"];
  if (/\p{Script=Arabic}/u.test(q)) return ["ara"];
  if (/\p{Script=Cyrillic}/u.test(q)) return ["rus"];
  return undefined;
}

function baseQuery(uid: string, p: SearchParams, filter: string[]): MultiSearchQueryWithFederation {
  const locales = queryLocales(p.q);
  return {
    indexUid: uid,
    q: p.q,
    ...(locales ? { locales } : {}),
    filter: p.callId && /^[a-f0-9]{24}$/.test(p.callId) ? [...filter, `callId = "${p.callId}"`] : filter,
    ...(p.sort === "newest" ? { sort: ["publishedAt:desc"] } : {}),
  };
}

/** A facet-only request (no hits): the distributions of `attrs` over everything the query and
 *  its expansions match under `filter`. */
export interface FacetRequest {
  attrs: FacetAttribute[];
  req: FederatedMultiSearchParams;
}

/** The Meilisearch requests for a search, sent side by side: the hits (a federated query with
 *  highlighting and snippets), the facet distributions under the same filters, then one request
 *  per active facet without its own filter (disjunctive counts), whose distribution replaces that
 *  facet's. Hits and facets are separate requests because Meilisearch answers them in parallel
 *  (decision 068). Exposed for the benchmark. */
export function buildRequests(p: SearchParams, split = true): { main: FederatedMultiSearchParams; mainFacets: FacetAttribute[]; facetQueries: FacetRequest[] } {
  const uids = [indexName("practices"), indexName("threads")];
  const mainFilter = buildFilter(p.filters);
  const formatting = { attributesToRetrieve: retrieved, attributesToHighlight: highlighted, attributesToCrop: cropped, cropLength: 32, highlightPreTag: PRE, highlightPostTag: POST };
  // Cross-language expansion (decision 038): the query's concepts in the other languages, each
  // searched only among documents in that language, weighted below same-language matches.
  const expansions = p.expand === false || !p.q ? [] : (Object.entries(expandQuery(p.q).queries) as [ContentLanguage, string][]);
  const queries = (filter: string[], extra: Record<string, unknown>): MultiSearchQueryWithFederation[] => [
    ...uids.map((u) => ({ ...baseQuery(u, p, filter), ...extra })),
    ...uids.flatMap((u) =>
      expansions.map(([lang, q]) => ({
        ...baseQuery(u, { ...p, q }, [...filter, `language = "${lang}"`]),
        federationOptions: { weight: EXPANSION_WEIGHT },
        ...extra,
      })),
    ),
  ];
  const facetRequest = (attrs: FacetAttribute[], filter: string[]): FacetRequest => ({
    attrs,
    req: {
      federation: { offset: 0, limit: 0, facetsByIndex: Object.fromEntries(uids.map((u) => [u, attrs])) },
      queries: queries(filter, { attributesToRetrieve: ["id"] }),
    },
  });
  const main: FederatedMultiSearchParams = {
    federation: {
      offset: (p.page - 1) * p.perPage,
      limit: p.perPage,
      ...(split ? {} : { facetsByIndex: Object.fromEntries(uids.map((u) => [u, [...facetAttributes]])) }),
    },
    queries: queries(mainFilter, formatting),
  };
  const facetQueries = [
    ...(split ? [facetRequest([...facetAttributes], mainFilter)] : []),
    ...filterKeys.filter((k) => (p.filters[k] as unknown[]).length > 0).map((key) => facetRequest([facetOfFilter[key]], buildFilter(p.filters, key))),
  ];
  return { main, mainFacets: split ? [] : [...facetAttributes], facetQueries };
}

interface FederatedResponse {
  hits: Record<string, unknown>[];
  processingTimeMs: number;
  estimatedTotalHits?: number;
  totalHits?: number;
  facetsByIndex?: Record<string, { distribution?: Record<string, Record<string, number>> }>;
}

function mergeDistributions(res: FederatedResponse, attrs: FacetAttribute[], into: Partial<FacetCounts>) {
  for (const attr of attrs) {
    const acc: Record<string, number> = {};
    for (const idx of Object.values(res.facetsByIndex ?? {})) {
      for (const [v, n] of Object.entries(idx.distribution?.[attr] ?? {})) acc[v] = (acc[v] ?? 0) + n;
    }
    into[attr] = acc;
  }
}

function pickSnippet(f: Record<string, unknown>, lang: string): string {
  const candidates = ["summary", "sections", "replies"].map((k) => f[`${k}_${lang}`]).filter((v): v is string => typeof v === "string" && v.length > 0);
  const withMatch = candidates.find((c) => c.includes(PRE));
  return markup(withMatch ?? candidates[0] ?? "");
}

/** A hit as shown to a reader of `uiLang`: a practice with a version in that language is shown
 *  (title, snippet, link) in that version. */
function toHit(h: Record<string, unknown>, uiLang?: string): SearchHit {
  const f = (h._formatted ?? {}) as Record<string, unknown>;
  const own = typeof h.language === "string" ? h.language : "en";
  const versions = (h.versions ?? {}) as Record<string, { slug?: string; title?: string } | undefined>;
  const version = uiLang && uiLang !== own && versions[uiLang]?.slug ? versions[uiLang]! : null;
  const lang = version ? uiLang! : own;
  const title = String(version ? version.title : (h.title ?? ""));
  const fTitle = f[`title_${lang}`];
  return {
    type: h.type === "thread" ? "thread" : "practice",
    id: String(h.id),
    slug: version ? String(version.slug) : String(h.slug ?? h.id),
    url: version ? `/practices/${version.slug}` : String(h.url ?? ""),
    title,
    titleHtml: typeof fTitle === "string" ? markup(fTitle) : escapeHtml(title),
    snippet: pickSnippet(f, lang),
    language: lang,
    objectives: Array.isArray(h.objectives) ? (h.objectives as number[]) : [],
    region: Array.isArray(h.region) ? (h.region as string[]) : [],
    organizations: Array.isArray(h.organizations) ? (h.organizations as string[]) : [],
    sdgTargets: Array.isArray(h.sdgTargets) ? (h.sdgTargets as string[]) : [],
    evidenceLevel: typeof h.evidenceLevel === "string" ? h.evidenceLevel : null,
    publishedAt: typeof h.publishedAt === "number" && h.publishedAt > 0 ? new Date(h.publishedAt).toISOString() : null,
  };
}

/**
 * Whether a failed Meilisearch call is the service's fault (down, slow, no index yet) rather than
 * a bad query. Every caller has just caught a failed call: the request being served is marked as
 * degraded, so a fallback answer is never kept by the page cache (decision 057).
 */
export function isUnavailable(e: unknown): boolean {
  markRequestDegraded();
  if (e instanceof MeilisearchRequestError || e instanceof MeilisearchRequestTimeOutError) return true;
  if (e instanceof MeilisearchApiError) {
    // A missing index (fresh install before the first sync) or a server error: not the user's fault.
    return e.cause?.code === "index_not_found" || (e.response?.status ?? 500) >= 500;
  }
  return false;
}

/** Searches this process is waiting on Meilisearch for (decision 068). */
let searchesInFlight = 0;

/** Runs a search; throws SearchUnavailableError when Meilisearch cannot answer. Alone, its hits
 *  and facet counts are asked for side by side (less latency, a third more Meilisearch CPU);
 *  while other searches are in flight, in one request (more searches per second under load). */
export async function searchHub(p: SearchParams): Promise<SearchResult> {
  const { main, mainFacets, facetQueries } = buildRequests(p, searchesInFlight === 0);
  searchesInFlight++;
  const client = meili();
  let mainRes: FederatedResponse;
  let facetRes: FederatedResponse[];
  try {
    [mainRes, ...facetRes] = (await Promise.all([
      client.multiSearch(main),
      ...facetQueries.map((f) => client.multiSearch(f.req)),
    ])) as unknown as FederatedResponse[];
  } catch (e) {
    if (isUnavailable(e)) throw new SearchUnavailableError((e as Error).message);
    throw e;
  } finally {
    searchesInFlight--;
  }
  // The facets under every filter first, then each active facet's own disjunctive count.
  const facets: Partial<FacetCounts> = {};
  mergeDistributions(mainRes, mainFacets, facets);
  facetQueries.forEach((f, i) => mergeDistributions(facetRes[i], f.attrs, facets));
  return {
    total: mainRes.totalHits ?? mainRes.estimatedTotalHits ?? 0,
    page: p.page,
    perPage: p.perPage,
    processingTimeMs: Math.max(mainRes.processingTimeMs ?? 0, ...facetRes.map((r) => r.processingTimeMs ?? 0)),
    hits: mainRes.hits.map((h) => toHit(h, p.uiLang)),
    facets: facets as FacetCounts,
  };
}
