// Related practices (practice page), similar published practices (submission form) and possible
// duplicates (moderation review), all from one Meilisearch multi-search per request (decision 035).
// Filters are built only from taxonomy values, a 24-hex id and fixed words; user text only ever
// becomes a query string `q`, never part of a filter expression.
import type { MultiSearchParams, MultiSearchResponse } from "meilisearch";
import { isCountry } from "../models/geo.server";
import { publishedBySameOrganization } from "../models/practice-duplicates.server";
import { isObjective, isRegion } from "../models/taxonomy";
import { indexName, meili } from "./client.server";
import { keptIndexRead } from "./kept-reads.server";
import { isUnavailable } from "./query.server";
import { log } from "../models/log.server";

/** What a related-practices lookup starts from (the practice shown, or the form's values). */
export interface RelatedSeed {
  /** Excluded from the results (the practice itself); omit for a new submission. */
  id?: string | null;
  title: string;
  objectives: number[];
  region?: string[];
  countries?: string[];
}

export type RelatedReason = "objectiveRegion" | "objectiveCountries" | "countries" | "objective" | "topic";

export interface RelatedPractice {
  id: string;
  slug: string;
  title: string;
  language: string;
  organizations: string[];
  reason: RelatedReason;
  score: number;
}

interface Indexed {
  id: string;
  slug: string;
  title: string;
  language: string;
  objectives?: number[];
  region?: string[];
  countries?: string[];
  organizations?: string[];
  _rankingScore?: number;
}

const retrieve = ["id", "slug", "title", "language", "objectives", "region", "countries", "organizations"];

// Short function words of the content languages: they say nothing about the topic.
const stopwords = new Set(
  (
    "a an and the of for in on to with by from at as or into its their our is are be this that these those new " +
    "le la les un une des du de d l et en au aux pour par sur dans avec ou leur leurs ce cette ces son sa ses est " +
    "el los las uno una unos unas del al y e o u para por con sin sobre entre su sus es este esta estos estas que"
  ).split(" "),
);

/** Lower-case words without accents, as compared for title similarity. */
export function normalizedWords(s: string): string[] {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The title's significant words (no function words, no 1–2 letter words), at most `max`, in order. */
export function significantWords(title: string, max = 10): string[] {
  const out: string[] = [];
  for (const w of normalizedWords(title)) {
    if (w.length < 3 || stopwords.has(w) || out.includes(w)) continue;
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/** Share of significant words two titles have in common (0..1, over the longer title). */
export function titleSimilarity(a: string, b: string): number {
  const wa = significantWords(a, 30);
  const wb = new Set(significantWords(b, 30));
  if (!wa.length || !wb.size) return 0;
  const shared = wa.filter((w) => wb.has(w)).length;
  return shared / Math.max(wa.length, wb.size);
}

const idOk = (s: unknown): s is string => typeof s === "string" && /^[a-f0-9]{24}$/.test(s);
const regionOk = (r: unknown): r is string => r === "global" || isRegion(r);

/** The seed reduced to values that may appear in a filter expression. */
function safeSeed(seed: RelatedSeed) {
  return {
    id: idOk(seed.id) ? seed.id : null,
    objectives: [...new Set(seed.objectives.filter((n) => isObjective(n)))].slice(0, 23),
    region: [...new Set((seed.region ?? []).filter(regionOk))].slice(0, 10),
    countries: [...new Set((seed.countries ?? []).filter((c) => isCountry(c) && /^[A-Z]{2}$/.test(c)))].slice(0, 50),
    q: significantWords(seed.title).join(" "),
  };
}

const anyOf = (attr: string, values: (string | number)[]) =>
  `(${values.map((v) => (typeof v === "number" ? `${attr} = ${v}` : `${attr} = "${v}"`)).join(" OR ")})`;

export type CandidateKind = "objectiveRegion" | "objective" | "countries" | "text";

/** The multi-search for a seed: one query per kind of candidate the seed allows. */
export function relatedRequest(seed: RelatedSeed, perQuery = 10): { request: MultiSearchParams; kinds: CandidateKind[] } {
  const s = safeSeed(seed);
  const base = ['status = "published"', ...(s.id ? [`id != "${s.id}"`] : [])];
  const uid = indexName("practices");
  const common = { indexUid: uid, limit: perQuery, attributesToRetrieve: retrieve };
  const queries: MultiSearchParams["queries"] = [];
  const kinds: CandidateKind[] = [];
  if (s.objectives.length && s.region.length) {
    queries.push({ ...common, q: "", filter: [...base, anyOf("objectives", s.objectives), anyOf("region", s.region)], sort: ["publishedAt:desc"] });
    kinds.push("objectiveRegion");
  }
  if (s.objectives.length) {
    queries.push({ ...common, q: "", filter: [...base, anyOf("objectives", s.objectives)], sort: ["publishedAt:desc"] });
    kinds.push("objective");
  }
  if (s.countries.length) {
    queries.push({ ...common, q: "", filter: [...base, anyOf("countries", s.countries)], sort: ["publishedAt:desc"] });
    kinds.push("countries");
  }
  if (s.q) {
    queries.push({ ...common, q: s.q, matchingStrategy: "last", filter: base, showRankingScore: true });
    kinds.push("text");
  }
  return { request: { queries }, kinds };
}

/** Below this ranking score a text match is noise (one common word of a long title). */
export const TEXT_THRESHOLD = 0.55;

/** Merges the candidate lists into one scored list, best first. Pure (unit-testable). */
export function scoreCandidates(seed: RelatedSeed, results: { kind: CandidateKind; hits: Indexed[] }[], limit = 5): RelatedPractice[] {
  const s = safeSeed(seed);
  const byId = new Map<string, { doc: Indexed; text: number }>();
  for (const r of results) {
    for (const h of r.hits) {
      if (!h || typeof h.id !== "string" || h.id === s.id) continue;
      const entry = byId.get(h.id) ?? { doc: h, text: 0 };
      if (r.kind === "text") entry.text = Math.max(entry.text, h._rankingScore ?? 0);
      byId.set(h.id, entry);
    }
  }
  const out: RelatedPractice[] = [];
  for (const { doc, text } of byId.values()) {
    const sharedObjectives = (doc.objectives ?? []).filter((n) => s.objectives.includes(n)).length;
    const sameRegion = (doc.region ?? []).some((r) => s.region.includes(r));
    const sharedCountries = (doc.countries ?? []).filter((c) => s.countries.includes(c)).length;
    const textMatch = text >= TEXT_THRESHOLD ? text : 0;
    const score = sharedObjectives * 3 + (sameRegion ? 2 : 0) + Math.min(sharedCountries, 3) * 2 + textMatch * 6;
    if (score <= 0) continue;
    const reason: RelatedReason =
      sharedObjectives && sameRegion
        ? "objectiveRegion"
        : sharedObjectives && sharedCountries
          ? "objectiveCountries"
          : sharedCountries
            ? "countries"
            : textMatch >= 0.8 || (textMatch && !sharedObjectives)
              ? "topic"
              : "objective";
    out.push({
      id: doc.id,
      slug: String(doc.slug ?? ""),
      title: String(doc.title ?? ""),
      language: String(doc.language ?? "en"),
      organizations: doc.organizations ?? [],
      reason,
      score: Math.round(score * 100) / 100,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, limit);
}

async function runRequest(seed: RelatedSeed, perQuery: number) {
  const { request, kinds } = relatedRequest(seed, perQuery);
  if (!request.queries.length) return [];
  // kept while the published practices have not changed (decision 066)
  return keptIndexRead(`related:${JSON.stringify(request)}`, async () => {
    const res = (await meili().multiSearch(request)) as MultiSearchResponse<Indexed>;
    return res.results.map((r, i) => ({ kind: kinds[i], hits: r.hits as Indexed[] }));
  });
}

/** Up to `limit` related published practices; none (no error) when Meilisearch cannot answer. */
export async function relatedPractices(seed: RelatedSeed, limit = 5): Promise<RelatedPractice[]> {
  try {
    return scoreCandidates(seed, await runRequest(seed, 10), limit);
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "related practices: index query failed");
    return [];
  }
}

/** For the submission form: published practices like the title + objectives being written. */
export async function similarPublished(input: { title: string; objectives: number[]; excludeId?: string | null }, limit = 5) {
  return relatedPractices({ id: input.excludeId, title: input.title, objectives: input.objectives }, limit);
}

export type DuplicateReason = "title" | "organization";
export interface PossibleDuplicate {
  id: string;
  slug: string;
  title: string;
  language: string;
  reason: DuplicateReason;
  similarity: number;
}

/** A title this similar (share of significant words) is a possible duplicate. */
export const DUPLICATE_TITLE_SIMILARITY = 0.7;

/** An organization name the index filter can quote as it is (no quote, backslash or control). */
// eslint-disable-next-line no-control-regex
const quotableOrganization = /^[^"\\\u0000-\u001f]{1,200}$/;

/** Published practices by one of these organizations on one of these objectives, newest first:
 *  from the index (MongoDB reads every published practice of a common organization, 1 s at
 *  10,000 practices on FerretDB); MongoDB when a name cannot be quoted or Meilisearch is down. */
async function sameOrganization(organizations: string[], objectives: number[], excludeId: string | null, limit = 10) {
  const orgs = [...new Set(organizations.map((o) => String(o).trim()).filter(Boolean))].slice(0, 20);
  if (!orgs.length || !objectives.length) return [];
  if (orgs.every((o) => quotableOrganization.test(o))) {
    try {
      const filter = ['status = "published"', anyOf("organizations", orgs), anyOf("objectives", objectives), ...(excludeId ? [`id != "${excludeId}"`] : [])];
      const params = { filter, sort: ["publishedAt:desc"], limit, attributesToRetrieve: ["id", "slug", "title", "language"] };
      return await keptIndexRead(`same-organization:${JSON.stringify(params)}`, async () => {
        const res = await meili().index(indexName("practices")).search<Indexed>("", params);
        return res.hits.map((h) => ({ id: h.id, slug: h.slug, title: h.title, language: h.language }));
      });
    } catch (e) {
      if (!isUnavailable(e)) log.error({ err: e }, "possible duplicates: index query failed, using MongoDB");
    }
  }
  return publishedBySameOrganization(orgs, objectives, excludeId, limit);
}

/** Published practices whose title matches the words of `q` (the index's text search); none when
 *  the index cannot answer. */
async function similarTitles(q: string, excludeId: string | null | undefined): Promise<Indexed[]> {
  try {
    const filter = ['status = "published"', ...(excludeId ? [`id != "${excludeId}"`] : [])];
    const params = { filter, limit: 20, matchingStrategy: "last" as const, attributesToRetrieve: retrieve };
    return await keptIndexRead(`similar-titles:${q}\n${JSON.stringify(params)}`, async () => (await meili().index(indexName("practices")).search<Indexed>(q, params)).hits);
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "possible duplicates: index query failed");
    return [];
  }
}

/** Published practices a submission may duplicate: a very similar title, or the same
 *  organization working on a shared objective (both from the index). */
export async function possibleDuplicates(seed: RelatedSeed & { organizations?: string[] }, limit = 10): Promise<PossibleDuplicate[]> {
  const s = safeSeed(seed);
  // the two lookups are independent: one round, not two
  const [byOrganization, byTitle] = await Promise.all([
    sameOrganization(seed.organizations ?? [], s.objectives, s.id).catch((e) => {
      log.error({ err: e }, "possible duplicates: database query failed");
      return [];
    }),
    s.q ? similarTitles(s.q, s.id) : Promise.resolve([] as Indexed[]),
  ]);
  const out = new Map<string, PossibleDuplicate>();
  for (const h of byTitle) {
    const sim = titleSimilarity(seed.title, String(h.title ?? ""));
    if (sim >= DUPLICATE_TITLE_SIMILARITY) out.set(h.id, { id: h.id, slug: h.slug, title: h.title, language: h.language, reason: "title", similarity: Math.round(sim * 100) / 100 });
  }
  for (const p of byOrganization) {
    if (p.id === s.id || out.has(p.id)) continue;
    out.set(p.id, { ...p, reason: "organization", similarity: Math.round(titleSimilarity(seed.title, p.title) * 100) / 100 });
  }
  return [...out.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
}

export type SimilarQuery = { title: string; objectives: number[]; excludeId: string | null };

/** Validates /practices/similar's parameters: `title` (3–200 characters), one to 23 `objective`
 *  numbers of the GCM, an optional practice `id` (24 hex). Anything else is refused by name. */
export function parseSimilarQuery(params: URLSearchParams): { ok: true; value: SimilarQuery } | { ok: false; invalid: string[] } {
  const invalid: string[] = [];
  const titles = params.getAll("title");
  // eslint-disable-next-line no-control-regex
  const title = (titles[0] ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (titles.length !== 1 || title.length < 3 || title.length > 200) invalid.push("title");
  const raw = params.getAll("objective");
  const objectives = raw.map((v) => (/^\d{1,2}$/.test(v) ? Number(v) : NaN));
  if (!raw.length || raw.length > 23 || objectives.some((n) => !isObjective(n))) invalid.push("objective");
  const ids = params.getAll("id");
  if (ids.length > 1 || (ids.length === 1 && !idOk(ids[0]))) invalid.push("id");
  for (const k of new Set(params.keys())) if (!["title", "objective", "id"].includes(k)) invalid.push(k.slice(0, 40));
  if (invalid.length) return { ok: false, invalid };
  return { ok: true, value: { title, objectives: [...new Set(objectives)], excludeId: ids[0] ?? null } };
}
