// GET /api/v1/search — one query over practices and threads, with disjunctive facet counts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { apiError } from "~/lib/api.server";
import { isContentLanguage } from "../../models/taxonomy";
import { callFilter, filterKeys, parseQuery, searchHub, searchSorts, SearchUnavailableError, type SearchSort } from "~/models.server";
import { log } from "~/models.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { filters, page, perPage, invalid, q, sort } = parseQuery(url.searchParams, {
    keys: filterKeys,
    text: { maxLength: 200 },
    sorts: searchSorts,
    maxPerPage: 100,
    extra: ["call", "lng"],
  });
  // ?lng=fr: practices with a French version are shown in it (titles, snippets, links).
  const lng = url.searchParams.get("lng");
  const uiLang = lng && isContentLanguage(lng) ? lng : undefined;
  const call = await callFilter(url.searchParams);
  if (call.invalid) invalid.push("call");
  if (invalid.length) return apiError(400, `Invalid parameter(s): ${invalid.join(", ")}`, { invalid });
  try {
    const r = await searchHub({ q, filters, sort: sort as SearchSort, page, perPage, callId: call.callId, uiLang });
    return json(
      {
        total: r.total,
        page: r.page,
        perPage: r.perPage,
        processingTimeMs: r.processingTimeMs,
        hits: r.hits.map((h) => ({
          type: h.type,
          id: h.id,
          slug: h.slug,
          url: h.url,
          title: h.title,
          snippet: h.snippet,
          publishedAt: h.publishedAt,
          ...(h.type === "practice" ? { sdgTargets: h.sdgTargets, evidenceLevel: h.evidenceLevel } : {}),
        })),
        facets: r.facets,
      },
      // Results change with every publication: browsers and proxies ask again each time (the
      // hub's own page cache keeps them until content changes, decision 057).
      { headers: { "Cache-Control": "no-cache" } },
    );
  } catch (e) {
    if (!(e instanceof SearchUnavailableError)) log.error({ err: e }, "search API failed");
    return apiError(503, "Search is temporarily unavailable; try again shortly.");
  }
}
