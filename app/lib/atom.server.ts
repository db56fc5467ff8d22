// Atom 1.0 feeds of newly published practices. One function takes the feed's filter, so a feed
// per call (or any other filter of models/open-data.server.ts FeedFilter) is one more route.
import { latestForFeed, type FeedFilter, type PracticeDoc } from "~/models.server";
import { publicOrigin, xmlText } from "./open-data.server";

export interface FeedSpec {
  filter: FeedFilter;
  /** The feed's own path, e.g. /feeds/practices.xml. */
  path: string;
  /** The HTML page the feed belongs to, e.g. /objectives/3. */
  pagePath: string;
  title: string;
  subtitle: string;
  siteName: string;
  lang: string;
}

const ATOM_TYPE = "application/atom+xml; charset=utf-8";

/** A stable entry id: a tag URI on the practice's database id (survives slug changes). */
function entryId(host: string, p: PracticeDoc) {
  return `tag:${host},2025:practice:${String(p._id)}`;
}

export function atomDocument(origin: string, spec: FeedSpec, practices: PracticeDoc[]): string {
  const host = new URL(origin).hostname;
  const dates = practices.map((p) => new Date(p.updatedAt ?? p.publishedAt ?? 0).getTime()).filter((n) => n > 0);
  const updated = new Date(dates.length ? Math.max(...dates) : Date.UTC(2025, 0, 1)).toISOString();
  const entries = practices.map((p) => {
    const url = `${origin}/practices/${p.slug}`;
    const published = (p.publishedAt ? new Date(p.publishedAt) : new Date(p.updatedAt)).toISOString();
    const categories = [
      ...(p.objectives ?? []).map((n) => `<category term="objective-${n}" scheme="${xmlText(`${origin}/objectives`)}" label="${xmlText(String(n))}"/>`),
      ...(p.regions ?? []).map((r) => `<category term="${xmlText(r)}" scheme="${xmlText(`${origin}/regions`)}"/>`),
    ];
    return [
      `<entry xml:lang="${xmlText(p.language)}">`,
      `<id>${xmlText(entryId(host, p))}</id>`,
      `<title type="text">${xmlText(p.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      `<published>${published}</published>`,
      `<updated>${new Date(p.updatedAt ?? published).toISOString()}</updated>`,
      (p.organizations ?? []).length ? `<author><name>${xmlText(p.organizations.join(", "))}</name></author>` : "",
      `<summary type="text">${xmlText(p.summary ?? "")}</summary>`,
      ...categories,
      `</entry>`,
    ]
      .filter(Boolean)
      .join("\n");
  });
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(spec.lang)}">`,
    `<id>${xmlText(origin + spec.path)}</id>`,
    `<title type="text">${xmlText(spec.title)}</title>`,
    `<subtitle type="text">${xmlText(spec.subtitle)}</subtitle>`,
    `<updated>${updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(origin + spec.path)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(origin + spec.pagePath)}"/>`,
    `<author><name>${xmlText(spec.siteName)}</name><uri>${xmlText(origin + "/")}</uri></author>`,
    `<generator>${xmlText(spec.siteName)}</generator>`,
    ...entries,
    `</feed>`,
    "",
  ].join("\n");
}

/** The feed as a Response (503 in plain text when the store is down). */
export async function atomResponse(request: Request, spec: FeedSpec, limit = 50): Promise<Response> {
  let practices: PracticeDoc[];
  try {
    practices = await latestForFeed(spec.filter, limit);
  } catch {
    return new Response("Service unavailable", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30" } });
  }
  return new Response(atomDocument(publicOrigin(request), spec, practices), {
    headers: { "Content-Type": ATOM_TYPE, "Cache-Control": "public, max-age=300" },
  });
}
