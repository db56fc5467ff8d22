import { parse } from "cookie";
import { defaultLanguage, isLocale, supportedLanguages, type Locale } from "./config";

export const LOCALE_COOKIE = "lng";

/** ?lng= → the lng cookie → Accept-Language → English. */
export function detectLocale(request: Request): Locale {
  return localeFrom(new URL(request.url).searchParams.get("lng"), request.headers.get("cookie"), request.headers.get("accept-language"));
}

/** detectLocale from the parts of a request it reads (the server's page cache keys on it). */
export function localeFrom(lngParam: string | null | undefined, cookieHeader: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(lngParam)) return lngParam;
  const c = parse(cookieHeader ?? "")[LOCALE_COOKIE];
  if (isLocale(c)) return c;
  return fromAcceptLanguage(acceptLanguage ?? null);
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
