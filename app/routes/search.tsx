// /search — one query box over practices and threads, facets with counts, the whole state in the
// URL. Without JavaScript it is a plain GET form; with it, results follow the typing.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { useHydrated } from "~/editor/rich-text-field";
import { SearchFacets, type FacetGroup, type FacetOption } from "~/components/search-facets";
import { SearchResults, type ResultHit } from "~/components/search-results";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { escapeHtml } from "../../models/html-escape";
import {
  collatorFor,
  countryName,
  filterKeys,
  listPublishedPractices,
  parseQuery,
  callFilter,
  localized,
  searchHub,
  searchSorts,
  SearchUnavailableError,
  type FacetCounts,
  type FilterKey,
  type Filters,
  type SearchSort,
} from "~/models.server";
import searchStyles from "../styles/search.css?url";
import {
  contentLanguages,
  objectiveKey,
  objectives,
  principleKey,
  principles,
  regionKey,
  regions,
  stakeholderKey,
  stakeholderTypes,
} from "../../models/taxonomy";
import { evidenceKey, evidenceLevels, sdgTargets, sdgTargetTitle } from "../../models/practice-evidence";
import { log } from "~/models.server";

export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

const facetOrder: { param: FilterKey; attr: keyof FacetCounts; titleKey: string }[] = [
  { param: "type", attr: "type", titleKey: "facets.type" },
  { param: "objective", attr: "objectives", titleKey: "facets.objective" },
  { param: "principle", attr: "principles", titleKey: "facets.principle" },
  { param: "region", attr: "region", titleKey: "facets.region" },
  { param: "country", attr: "countries", titleKey: "facets.country" },
  { param: "stakeholderType", attr: "stakeholderTypes", titleKey: "facets.stakeholderType" },
  { param: "sdg", attr: "sdgTargets", titleKey: "facets.sdg" },
  { param: "evidence", attr: "evidenceLevel", titleKey: "facets.evidence" },
  { param: "lang", attr: "language", titleKey: "facets.language" },
  { param: "year", attr: "year", titleKey: "facets.year" },
];

/** Countries shown before "Show all countries". */
const TOP_COUNTRIES = 15;

/** This search with the whole country list, or with the most frequent countries only. */
function countriesHref(url: URL, all: boolean): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete("more");
  if (all) params.set("more", "country");
  return `/search?${params.toString()}#facet-group-country`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["search", "taxonomy", "practices", "common"]);
  const url = new URL(request.url);
  const parsed = parseQuery(url.searchParams, { keys: filterKeys, text: { maxLength: 200 }, sorts: searchSorts, maxPerPage: 50, extra: ["call", "more"] });
  const { filters, perPage, invalid, q } = parsed;
  const call = await callFilter(url.searchParams);
  if (call.invalid) invalid.push("call");
  const sort = parsed.sort as SearchSort;
  // The country list is long (up to every country with a practice): the most frequent first,
  // and all of them on request (`more=country`, a link that works without JavaScript).
  const more = url.searchParams.get("more");
  if (more !== null && more !== "country") invalid.push("more");
  const allCountries = more === "country";
  let page = parsed.page;

  const label = (param: FilterKey, value: string): string => {
    switch (param) {
      case "objective":
        return `${value}. ${t(objectiveKey(Number(value)), { ns: "taxonomy" })}`;
      case "principle":
        return t(principleKey(value), { ns: "taxonomy" });
      case "region":
        return t(regionKey(value), { ns: "taxonomy" });
      case "country":
        return countryName(value, locale);
      case "stakeholderType":
        return t(stakeholderKey(value), { ns: "taxonomy" });
      case "sdg":
        return `${value} ${sdgTargetTitle(value, locale)}`;
      case "evidence":
        return t(evidenceKey(value), { ns: "practices" });
      case "lang":
        return t(`language.${value}`, { ns: "common" });
      case "type":
        return t(`type.${value}`, { ns: "search" });
      default:
        return value;
    }
  };

  let unavailable = false;
  let total = 0;
  let processingTimeMs: number | null = null;
  let hits: ResultHit[] = [];
  let counts: FacetCounts | null = null;
  try {
    const r = await searchHub({ q, filters, sort, page, perPage, callId: call.callId, uiLang: locale });
    total = r.total;
    processingTimeMs = r.processingTimeMs;
    hits = r.hits;
    counts = r.facets;
  } catch (e) {
    if (!(e instanceof SearchUnavailableError)) log.error({ err: e }, "search page failed");
    unavailable = true;
    // A plain MongoDB listing of published practices instead of an error.
    try {
      const fallback = await listPublishedPractices(filters, page, perPage, q || undefined);
      total = fallback.total;
      hits = fallback.hits.map((p) => ({
        type: "practice" as const,
        id: p.id,
        url: `/practices/${p.slug}`,
        title: p.title,
        titleHtml: escapeHtml(p.title),
        snippet: escapeHtml(p.summary.slice(0, 240)),
        language: p.language,
        objectives: p.objectives,
        organizations: p.organizations,
        evidenceLevel: p.evidenceLevel,
        publishedAt: p.publishedAt,
      }));
    } catch {
      total = 0;
      hits = [];
    }
  }
  if (hits.length === 0 && page > 1 && total > 0) page = Math.ceil(total / perPage);

  // Facet panels: translated labels, counts, checked state.
  const allValues: Record<FilterKey, string[]> = {
    type: ["practice", "thread"],
    objective: objectives.map(String),
    principle: principles,
    region: regions,
    country: [],
    stakeholderType: stakeholderTypes,
    sdg: sdgTargets,
    evidence: [...evidenceLevels],
    lang: [...contentLanguages],
    year: [],
  };
  const groups: FacetGroup[] = facetOrder.map(({ param, attr, titleKey }) => {
    const active = (filters[param] as (string | number)[]).map(String);
    const dist = counts?.[attr] ?? {};
    let values: string[];
    if (param === "country") {
      const collator = collatorFor(locale);
      values = [...new Set([...Object.keys(dist), ...active])].sort(
        (a, b) => (dist[b] ?? 0) - (dist[a] ?? 0) || collator.compare(countryName(a, locale), countryName(b, locale)),
      );
    } else if (param === "year") {
      values = [...new Set([...Object.keys(dist), ...active])].sort((a, b) => Number(b) - Number(a));
    } else {
      values = allValues[param];
    }
    values = values.filter((v) => active.includes(v) || !counts || (dist[v] ?? 0) > 0);
    let toggle: FacetGroup["toggle"];
    if (param === "country" && values.length > TOP_COUNTRIES) {
      const count = values.length;
      if (!allCountries) values = values.filter((v, i) => i < TOP_COUNTRIES || active.includes(v));
      toggle = {
        href: countriesHref(url, !allCountries),
        label: allCountries ? t("facets.fewerCountries") : t("facets.allCountries", { count }),
        expanded: allCountries,
      };
    }
    const options: FacetOption[] = values.map((v) => ({ value: v, label: label(param, v), count: counts ? (dist[v] ?? 0) : null, checked: active.includes(v) }));
    return { param, titleKey, options, ...(toggle ? { toggle } : {}) };
  });

  // Active filters as removable chips (links to the same URL without that value).
  const chips = filterKeys.flatMap((param) =>
    (filters[param] as (string | number)[]).map((v) => {
      const params = new URLSearchParams();
      if (q) params.set("q", q);
      if (sort !== "relevance") params.set("sort", sort);
      for (const k of filterKeys) for (const x of filters[k] as (string | number)[]) if (!(k === param && x === v)) params.append(k, String(x));
      if (call.call) params.set("call", call.call.slug);
      const qs = params.toString();
      return { param: param as FilterKey | "call", value: String(v), label: label(param, String(v)), href: `/search${qs ? `?${qs}` : ""}` };
    }),
  );
  // The call for practices the results answer (?call=slug, from a call's page): a chip too, and
  // kept by the form (a hidden field) when other filters change.
  const activeCall = call.call ? { slug: call.call.slug, title: localized(call.call.title, locale).text } : null;
  if (activeCall) {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (sort !== "relevance") params.set("sort", sort);
    for (const k of filterKeys) for (const x of filters[k] as (string | number)[]) params.append(k, String(x));
    const qs = params.toString();
    chips.push({ param: "call", value: activeCall.slug, label: activeCall.title, href: `/search${qs ? `?${qs}` : ""}` });
  }

  return json({
    title: q ? t("titleWithQuery", { q }) : t("title"),
    q,
    sort,
    page,
    perPage,
    total,
    processingTimeMs,
    hits,
    groups,
    chips,
    activeCall,
    invalid,
    unavailable,
    filtered: filterKeys.some((k) => (filters[k] as unknown[]).length > 0) || !!activeCall,
  });
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const { q, sort, page, perPage, total, hits, groups, chips, activeCall, invalid, unavailable, filtered } = data;
  const { t } = useTranslation(["search", "common"]);
  const submit = useSubmit();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [text, setText] = useState(q);
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/search";

  // Follow the URL (chips, back button) unless the person is typing in the box.
  useEffect(() => {
    if (typeof document !== "undefined" && document.activeElement !== inputRef.current) {
      setText(q);
      typingEntry.current = false;
    }
  }, [q]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  // History: every change of query, filter, sort or page is its own entry, so Back undoes it.
  // While someone types, the results follow each pause, but only the first of those submissions
  // adds an entry; the rest of the burst replaces it (Back does not replay keystrokes).
  const typingEntry = useRef(false);
  const submitNow = (fromTyping: boolean) => {
    if (timer.current) clearTimeout(timer.current);
    if (!formRef.current) return;
    submit(formRef.current, { replace: fromTyping && typingEntry.current, preventScrollReset: true });
    typingEntry.current = fromTyping;
  };
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const target = e.target as HTMLInputElement;
    if (target.name === "q") {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => submitNow(true), 250);
    } else submitNow(false);
  };

  return (
    <div className="container search-page">
      <h1>{t("title")}</h1>
      <Form method="get" action="/search" ref={formRef} onChange={onChange} className="search-form" role="search" aria-label={t("formLabel")}>
        {activeCall ? <input type="hidden" name="call" value={activeCall.slug} /> : null}
        <div className="search-box">
          <label htmlFor="search-q">{t("queryLabel")}</label>
          <input
            id="search-q"
            ref={inputRef}
            type="search"
            name="q"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onBlur={() => void (typingEntry.current = false)}
            maxLength={200}
            autoComplete="off"
            aria-describedby="search-q-hint"
          />
          <button type="submit">{t("submit")}</button>
          <p id="search-q-hint" className="muted">
            {t("queryHint")}
            {/* Only true with JavaScript: without it, results change when the form is submitted. */}
            {hydrated ? ` ${t("liveHint")}` : null}
          </p>
        </div>

        {invalid.length > 0 ? (
          <p className="notice" role="status">
            {t("ignored", { params: invalid.join(", ") })}
          </p>
        ) : null}
        {unavailable ? (
          <p className="notice" role="status">
            {t("unavailable")}
          </p>
        ) : null}

        <div className="with-sidebar">
          <section className="search-sidebar" aria-labelledby="facets-title">
            <h2 id="facets-title">{t("facets.title")}</h2>
            <SearchFacets groups={groups} />
            <button type="submit" className="search-apply">
              {t("facets.apply")}
            </button>
          </section>

          <section aria-labelledby="results-title" aria-busy={busy}>
            <h2 id="results-title">{t("results")}</h2>
            <div className="search-toolbar">
              <p role="status" className="search-count">
                {q ? t("countFor", { count: total, q }) : t("count", { count: total })}
              </p>
              <div>
                <label htmlFor="search-sort">{t("sort.label")}</label>{" "}
                <select id="search-sort" name="sort" key={sort} defaultValue={sort}>
                  <option value="relevance">{t("sort.relevance")}</option>
                  <option value="newest">{t("sort.newest")}</option>
                </select>
              </div>
            </div>

            {chips.length > 0 ? (
              <div className="search-chips">
                <h3 className="visually-hidden">{t("chips.title")}</h3>
                <ul>
                  {chips.map((c) => (
                    <li key={`${c.param}-${c.value}`}>
                      <Link to={c.href} className="search-chip" preventScrollReset>
                        <span className="visually-hidden">{t("chips.remove")} </span>
                        {t(`chips.${c.param}`)}: {c.label} <span aria-hidden="true">×</span>
                      </Link>
                    </li>
                  ))}
                  <li>
                    <Link to={q ? `/search?q=${encodeURIComponent(q)}` : "/search"} className="search-chip-clear">
                      {t("chips.clear")}
                    </Link>
                  </li>
                </ul>
              </div>
            ) : null}

            {hits.length === 0 ? (
              <div className="search-empty">
                <p>
                  <strong>{q ? t("empty.titleFor", { q }) : t("empty.title")}</strong>
                </p>
                <ul>
                  {q ? <li>{t("empty.spelling")}</li> : null}
                  {filtered ? (
                    <li>
                      <Link to={q ? `/search?q=${encodeURIComponent(q)}` : "/search"}>{t("empty.removeFilters")}</Link>
                    </li>
                  ) : null}
                  <li>{t("empty.otherLanguage")}</li>
                  <li>
                    <Link to="/practices">{t("empty.browse")}</Link>
                  </li>
                </ul>
              </div>
            ) : (
              <SearchResults hits={hits} />
            )}
            <Pagination page={page} perPage={perPage} total={total} />
          </section>
        </div>
      </Form>
    </div>
  );
}
