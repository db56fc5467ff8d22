import type { MetaFunction } from "@remix-run/node";

/** Routes return `title` (already translated) from their loader; this turns it into <title>
 *  (and `feed`, when the page has one, into its Atom feed link). */
export const titleMeta: MetaFunction = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { siteName?: string } | undefined;
  const site = root?.siteName ?? "Migration Practice Hub";
  const d = data as { title?: string; feed?: { href: string; title: string } } | undefined;
  // Control characters are not allowed in HTML text (a title stored with one stays valid HTML).
  const title = d?.title?.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
  const out: ReturnType<MetaFunction> = [{ title: title ? `${title} · ${site}` : site }];
  // A page with an Atom feed (loader data `feed`) announces it in <head>.
  if (d?.feed) out.push(feedLink(d.feed.href, d.feed.title));
  return out;
};

/** Where the Atom feeds are (the feed routes and the pages that announce them agree on these). */
export const feedPaths = {
  practices: "/feeds/practices.xml",
  objective: (n: number | string) => `/feeds/objectives/${n}.xml`,
  region: (slug: string) => `/feeds/regions/${slug}.xml`,
  call: (slug: string) => `/feeds/calls/${slug}.xml`,
};

/** A meta descriptor for `<link rel="alternate" type="application/atom+xml">` in <head>. */
export function feedLink(href: string, title: string) {
  return { tagName: "link", rel: "alternate", type: "application/atom+xml", href, title } as const;
}

/** What a page tells search engines and link previews (built by the loader, see app/lib/seo.server.ts). */
export interface PageSeo {
  canonical: string;
  description: string;
  alternates: Array<{ hrefLang: string; href: string }>;
  og: Record<string, string>;
  twitter: Record<string, string>;
  jsonLd?: Record<string, unknown>;
}

/** Meta descriptors for a PageSeo. Remix escapes `<`, `>`, `&` in "script:ld+json", so user text cannot close the script. */
export function seoMeta(seo: PageSeo | undefined): ReturnType<MetaFunction> {
  if (!seo) return [];
  return [
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.canonical },
    ...seo.alternates.map((a) => ({ tagName: "link", rel: "alternate", hrefLang: a.hrefLang, href: a.href })),
    // OpenGraph properties: "title" → og:title; a namespaced one ("article:published_time") as it is.
    ...Object.entries(seo.og).map(([k, v]) => ({ property: k.includes(":") ? k : `og:${k}`, content: v })),
    ...Object.entries(seo.twitter).map(([k, v]) => ({ name: `twitter:${k}`, content: v })),
    ...(seo.jsonLd ? [{ "script:ld+json": seo.jsonLd }] : []),
  ];
}
