// One allowlist for every filter the hub accepts (the /practices listing, the API, search).
// User text never reaches a query or a Meilisearch filter expression except as a checked value.
import { isCountry } from "./geo.server";
import { isContentLanguage, isObjective, isPrinciple, isRegion, isStakeholderType } from "./taxonomy";

export const filterKeys = ["objective", "principle", "region", "country", "stakeholderType", "lang", "year", "type"] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = {
  objective: number[];
  principle: string[];
  region: string[];
  country: string[];
  stakeholderType: string[];
  lang: string[];
  year: number[];
  type: string[];
};

const checks: Record<FilterKey, (raw: string) => string | number | null> = {
  objective: (r) => (/^\d{1,2}$/.test(r) && isObjective(Number(r)) ? Number(r) : null),
  principle: (r) => (isPrinciple(r) ? r : null),
  region: (r) => (isRegion(r) ? r : null),
  country: (r) => (isCountry(r.toUpperCase()) ? r.toUpperCase() : null),
  stakeholderType: (r) => (isStakeholderType(r) ? r : null),
  lang: (r) => (isContentLanguage(r) ? r : null),
  year: (r) => (/^\d{4}$/.test(r) && Number(r) >= 1990 && Number(r) <= 2100 ? Number(r) : null),
  type: (r) => (r === "practice" || r === "thread" ? r : null),
};

export function emptyFilters(): Filters {
  return { objective: [], principle: [], region: [], country: [], stakeholderType: [], lang: [], year: [], type: [] };
}

export interface ParsedQuery {
  filters: Filters;
  page: number;
  perPage: number;
  /** Names of parameters that were refused (unknown name or value). */
  invalid: string[];
}

export interface ParseOptions {
  /** Filter keys this endpoint accepts. */
  keys: readonly FilterKey[];
  /** Other parameter names that are fine (q, sort, …). */
  extra?: readonly string[];
  maxPerPage?: number;
  defaultPerPage?: number;
}

export function parseQuery(params: URLSearchParams, opts: ParseOptions): ParsedQuery {
  const filters = emptyFilters();
  const invalid = new Set<string>();
  const maxPerPage = opts.maxPerPage ?? 100;
  let page = 1;
  let perPage = opts.defaultPerPage ?? 20;
  for (const [name, raw] of params) {
    if ((opts.keys as readonly string[]).includes(name)) {
      const key = name as FilterKey;
      const value = raw.length <= 64 ? checks[key](raw.trim()) : null;
      if (value === null) invalid.add(name);
      else if (!(filters[key] as (string | number)[]).includes(value)) (filters[key] as (string | number)[]).push(value);
    } else if (name === "page") {
      const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
      if (n >= 1 && n <= 1000) page = n;
      else invalid.add(name);
    } else if (name === "perPage") {
      const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
      if (n >= 1 && n <= maxPerPage) perPage = n;
      else invalid.add(name);
    } else if (name === "lng" || (opts.extra ?? []).includes(name)) {
      // handled elsewhere
    } else {
      invalid.add(name);
    }
  }
  return { filters, page, perPage, invalid: [...invalid] };
}

export function hasFilters(f: Filters) {
  return filterKeys.some((k) => f[k].length > 0);
}
