import { detectLocale } from "../i18n/locale.server";
import { getT } from "../i18n/resources.server";
import { countryName } from "../../models/geo.server";
import { practiceLabels } from "../../models/practice-labels";

/** Locale + translate function for a request (loaders and actions). */
export function i18nFor(request: Request, ns: string | string[] = "common") {
  const locale = detectLocale(request);
  return { locale, t: getT(locale, ns) };
}

/** The practice labels (objectives, principles, countries…) in the request's language. */
export function practiceLabelsFor(request: Request) {
  const locale = detectLocale(request);
  const t = getT(locale, ["practices", "taxonomy", "common"]);
  return practiceLabels((key, options) => String(t(key, options as never)), (code) => countryName(code, locale), locale);
}
