// The sitemap (sitemaps.org 0.9) of every public page. Up to 50,000 URLs it is one <urlset> at
// /sitemap.xml; past that, /sitemap.xml is a <sitemapindex> of /sitemaps/<source>-<n>.xml files
// of at most 50,000 URLs each (decision 027). Both are streamed from database cursors.
import { sitemapSources, type SitemapEntry, type SitemapSource } from "~/models.server";
import { objectives, regions, regionSlug } from "../../models/taxonomy";
import { publicOrigin, streamResponse, xmlText } from "./open-data.server";

export const SITEMAP_MAX_URLS = 50_000;
const NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XML_HEADERS = { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" };

/** Pages that exist whatever the content: the listings, the landing pages, the API page. */
export function staticEntries(): SitemapEntry[] {
  const paths = ["/", "/practices", "/objectives", "/regions", "/spaces", "/threads", "/search", "/api"];
  for (const n of objectives) paths.push(`/objectives/${n}`);
  for (const r of regions) paths.push(`/regions/${regionSlug(r)}`);
  return paths.map((path) => ({ path, lastmod: null }));
}

const sourceNames = Object.keys(sitemapSources) as SitemapSource[];

function urlXml(origin: string, e: SitemapEntry) {
  const lastmod = e.lastmod ? `<lastmod>${new Date(e.lastmod).toISOString()}</lastmod>` : "";
  return `<url><loc>${xmlText(origin + e.path)}</loc>${lastmod}</url>\n`;
}

async function* urlset(origin: string, parts: Array<{ static?: true; source?: SitemapSource; skip?: number; limit?: number }>) {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NS}">\n`;
  for (const part of parts) {
    if (part.static) {
      yield staticEntries().map((e) => urlXml(origin, e)).join("");
      continue;
    }
    let out = "";
    let n = 0;
    for await (const e of sitemapSources[part.source!].entries(part.skip, part.limit)) {
      out += urlXml(origin, e);
      if (++n % 500 === 0) {
        yield out;
        out = "";
      }
    }
    if (out) yield out;
  }
  yield `</urlset>\n`;
}

const unavailable = () => new Response("Service unavailable", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" } });

/** GET /sitemap.xml */
export async function sitemapResponse(request: Request): Promise<Response> {
  const origin = publicOrigin(request);
  const urls = (counts: number[]) => staticEntries().length + counts.reduce((a, b) => a + b, 0);
  let counts: number[];
  try {
    // Every document of a collection is an upper bound of its public ones, and costs no read of
    // them: when those fit in one file, the public ones do. Exact counts only past that.
    counts = await Promise.all(sourceNames.map((s) => sitemapSources[s].upperBound()));
    if (urls(counts) > SITEMAP_MAX_URLS) counts = await Promise.all(sourceNames.map((s) => sitemapSources[s].count()));
  } catch {
    return unavailable();
  }
  if (urls(counts) <= SITEMAP_MAX_URLS) {
    return streamResponse(urlset(origin, [{ static: true }, ...sourceNames.map((source) => ({ source }))]), XML_HEADERS);
  }
  const files = ["static"];
  sourceNames.forEach((s, i) => {
    for (let page = 1; (page - 1) * SITEMAP_MAX_URLS < counts[i]; page++) files.push(`${s}-${page}`);
  });
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NS}">\n` +
    files.map((f) => `<sitemap><loc>${xmlText(`${origin}/sitemaps/${f}.xml`)}</loc></sitemap>\n`).join("") +
    `</sitemapindex>\n`;
  return new Response(body, { headers: XML_HEADERS });
}

/** GET /sitemaps/<static | source-n>.xml — one file of the sitemap index. */
export function sitemapFileResponse(request: Request, file: string): Response | null {
  const origin = publicOrigin(request);
  if (file === "static.xml") return streamResponse(urlset(origin, [{ static: true }]), XML_HEADERS);
  const m = /^([a-z]+)-([1-9][0-9]{0,4})\.xml$/.exec(file);
  if (!m || !(sourceNames as string[]).includes(m[1])) return null;
  const page = Number(m[2]);
  return streamResponse(urlset(origin, [{ source: m[1] as SitemapSource, skip: (page - 1) * SITEMAP_MAX_URLS, limit: SITEMAP_MAX_URLS }]), XML_HEADERS);
}
