// Search-engine and link-preview data of a practice page (decision 028).
import { supportedLanguages, type Locale } from "~/i18n/config";
import type { PublicPractice } from "~/models.server";
import type { PageSeo } from "./meta";
import { publicOrigin } from "./open-data.server";

const OG_LOCALE: Record<Locale, string> = { en: "en_GB", fr: "fr_FR", es: "es_ES", ar: "ar_AR", zh: "zh_CN", ru: "ru_RU" };

/** Text for a meta tag: control characters dropped, white space collapsed, at most `max` characters. */
function clip(s: string, max: number) {
  const t = s
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The UI language is chosen by ?lng= (then the cookie, then Accept-Language): each language
 * version is its ?lng= URL; the bare URL is x-default, and the canonical is the URL asked for
 * (with its ?lng= when it has a valid one), so every language version is its own canonical.
 */
export function practiceSeo(
  request: Request,
  p: PublicPractice,
  opts: { locale: Locale; siteName: string; objectiveNames: string[]; regionNames: string[]; countryNames: string[] },
): PageSeo {
  const origin = publicOrigin(request);
  const base = `${origin}/practices/${p.slug}`;
  const asked = new URL(request.url).searchParams.get("lng");
  const canonical = (supportedLanguages as readonly string[]).includes(asked ?? "") ? `${base}?lng=${asked}` : base;
  const description = clip(p.summary || p.title, 300);
  const title = clip(p.title, 200);
  return {
    canonical,
    description,
    alternates: [...supportedLanguages.map((l) => ({ hrefLang: l, href: `${base}?lng=${l}` })), { hrefLang: "x-default", href: base }],
    og: {
      type: "article",
      title,
      description,
      url: canonical,
      site_name: opts.siteName,
      locale: OG_LOCALE[opts.locale],
      ...(p.publishedAt ? { "article:published_time": p.publishedAt } : {}),
    },
    twitter: { card: "summary", title, description },
    jsonLd: {
      "@context": "https://schema.org",
      "@type": "Article",
      "@id": base,
      url: base,
      name: title,
      headline: clip(p.title, 110),
      description,
      inLanguage: p.language,
      ...(p.publishedAt ? { datePublished: p.publishedAt } : {}),
      ...(p.updatedAt ? { dateModified: p.updatedAt } : {}),
      about: opts.objectiveNames.map((name) => ({ "@type": "Thing", name })),
      spatialCoverage: [...opts.regionNames, ...opts.countryNames].map((name) => ({ "@type": "Place", name })),
      ...(p.organizations.length ? { author: p.organizations.map((name) => ({ "@type": "Organization", name })) } : {}),
      publisher: { "@type": "Organization", name: opts.siteName, url: `${origin}/` },
      isAccessibleForFree: true,
    },
  };
}
