// One allowlist for every filter the hub accepts (the /practices listing, the API, search).
// User text never reaches a query or a Meilisearch filter expression except as a checked value.
import { isCountry } from "./geo.server";
import { isEvidenceLevel, isSdgTarget } from "./practice-evidence";
import { isContentLanguage, isObjective, isPrinciple, isRegion, isStakeholderType } from "./taxonomy";

export const filterKeys = ["objective", "principle", "region", "country", "stakeholderType", "sdg", "evidence", "lang", "year", "type"] as const;
/** The filters of the practice listings (/practices, /api/v1/practices): every practice facet. */
export const practiceFilterKeys = ["objective", "principle", "region", "country", "lang", "stakeholderType", "sdg", "evidence"] as const satisfies readonly FilterKey[];
export type FilterKey = (typeof filterKeys)[number];
export type Filters = {
  objective: number[];
  principle: string[];
  region: string[];
  country: string[];
  stakeholderType: string[];
  sdg: string[];
  evidence: string[];
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
  sdg: (r) => (isSdgTarget(r) ? r : null),
  evidence: (r) => (isEvidenceLevel(r) ? r : null),
  lang: (r) => (isContentLanguage(r) ? r : null),
  year: (r) => (/^\d{4}$/.test(r) && Number(r) >= 1990 && Number(r) <= 2100 ? Number(r) : null),
  type: (r) => (r === "practice" || r === "thread" ? r : null),
};

export function emptyFilters(): Filters {
  return { objective: [], principle: [], region: [], country: [], stakeholderType: [], sdg: [], evidence: [], lang: [], year: [], type: [] };
}

export interface ParsedQuery {
  filters: Filters;
  page: number;
  perPage: number;
  /** Names of parameters that were refused (unknown name or value). */
  invalid: string[];
  /** The free-text query (`q`) when the endpoint accepts one (opts.text), trimmed. */
  q: string;
  /** The sort order when the endpoint accepts one (opts.sorts); the first allowed one by default. */
  sort: string;
}

export interface ParseOptions {
  /** Filter keys this endpoint accepts. */
  keys: readonly FilterKey[];
  /** Other parameter names that are fine (q, sort, …). */
  extra?: readonly string[];
  maxPerPage?: number;
  defaultPerPage?: number;
  /** Accept a free-text `q` of at most this many characters (longer → invalid). */
  text?: { maxLength: number };
  /** Accept `sort` with one of these values (the first is the default). */
  sorts?: readonly string[];
}

export function parseQuery(params: URLSearchParams, opts: ParseOptions): ParsedQuery {
  const filters = emptyFilters();
  const invalid = new Set<string>();
  const maxPerPage = opts.maxPerPage ?? 100;
  let page = 1;
  let perPage = opts.defaultPerPage ?? 20;
  let q = "";
  let sort = opts.sorts?.[0] ?? "";
  for (const [name, raw] of params) {
    if ((opts.keys as readonly string[]).includes(name)) {
      // an empty choice ("any", a form's blank option) is no filter
      if (raw.trim() === "") continue;
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
    } else if (name === "q" && opts.text) {
      // Control characters never reach the engine; the length is checked on what remains.
      const text = raw.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
      if (raw.length > opts.text.maxLength * 4 || text.length > opts.text.maxLength) invalid.add(name);
      else q = text;
    } else if (name === "sort" && opts.sorts) {
      if (opts.sorts.includes(raw)) sort = raw;
      else invalid.add(name);
    } else if (name === "lng" || (opts.extra ?? []).includes(name)) {
      // handled elsewhere
    } else {
      invalid.add(name);
    }
  }
  return { filters, page, perPage, invalid: [...invalid], q, sort };
}

export function hasFilters(f: Filters) {
  return filterKeys.some((k) => f[k].length > 0);
}

/** `call=<slug>` (/search, /api/v1/search): the id of an existing call, or invalid. Only a slug
 *  we could have issued is looked up; the id (24 hex) is what reaches the filter. */
export async function callFilter(params: URLSearchParams): Promise<{ callId?: string; call?: { slug: string; title: Record<string, string | undefined> }; invalid: boolean }> {
  const raw = params.get("call");
  if (raw === null || raw.trim() === "") return { invalid: false };
  const { findCallBySlug } = await import("./call.server");
  const call = /^[a-z0-9-]{1,80}$/.test(raw) ? await findCallBySlug(raw) : null;
  return call ? { callId: String(call._id), call: { slug: call.slug, title: (call.title ?? {}) as Record<string, string | undefined> }, invalid: false } : { invalid: true };
}
