import { parse } from "cookie";
import { defaultLanguage, isLocale, supportedLanguages, type Locale } from "./config";

export const LOCALE_COOKIE = "lng";

/** ?lng= → the lng cookie → Accept-Language → English. */
export function detectLocale(request: Request): Locale {
  const url = new URL(request.url);
  const q = url.searchParams.get("lng");
  if (isLocale(q)) return q;
  const c = parse(request.headers.get("cookie") ?? "")[LOCALE_COOKIE];
  if (isLocale(c)) return c;
  return fromAcceptLanguage(request.headers.get("accept-language"));
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
