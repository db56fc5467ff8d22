import { parse } from "cookie";
import { defaultLanguage, isLocale, supportedLanguages, type Locale } from "./config";

export const LOCALE_COOKIE = "lng";

/** ?lng= → the lng cookie → Accept-Language → English. */
export function detectLocale(request: Request): Locale {
  // a page's loaders, its i18n and its render each ask: the URL is parsed only when it can say
  const url = request.url;
  const lng = url.includes("lng=") || (url.includes("%") && url.includes("?")) ? new URL(url).searchParams.get("lng") : null;
  return localeFrom(lng, request.headers.get("cookie"), request.headers.get("accept-language"));
}

/** Locales by (cookie header, Accept-Language): a browser sends the same pair on every request.
 *  Bounded: cleared when full, and long headers are not kept. */
const known = new Map<string, Locale>();
const KNOWN_MAX = 2000;

/** detectLocale from the parts of a request it reads (the server's page cache keys on it). */
export function localeFrom(lngParam: string | null | undefined, cookieHeader: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(lngParam)) return lngParam;
  const key = `${cookieHeader ?? ""}\n${acceptLanguage ?? ""}`;
  const hit = known.get(key);
  if (hit) return hit;
  const c = parse(cookieHeader ?? "")[LOCALE_COOKIE];
  const locale = isLocale(c) ? c : fromAcceptLanguage(acceptLanguage ?? null);
  if (key.length <= 4096) {
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, locale);
  }
  return locale;
}

export function fromAcceptLanguage(header: string | null): Locale {
  if (!header) return defaultLanguage;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const qp = params.find((p) => p.trim().startsWith("q="));
      const q = qp ? Number.parseFloat(qp.trim().slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if ((supportedLanguages as readonly string[]).includes(base)) return base as Locale;
  }
  return defaultLanguage;
}
