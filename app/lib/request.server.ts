import { detectLocale } from "../i18n/locale.server";
import { getT } from "../i18n/resources.server";

/** Locale + translate function for a request (loaders and actions). */
export function i18nFor(request: Request, ns: string | string[] = "common") {
  const locale = detectLocale(request);
  return { locale, t: getT(locale, ns) };
}
