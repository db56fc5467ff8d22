// Languages and namespaces shared by server and browser.
/** The six official languages of the United Nations, in the UN's order (Arabic, Chinese, English, French, Russian, Spanish) after English, the default. */
export const supportedLanguages = ["en", "fr", "es", "ar", "zh", "ru"] as const;
export type Locale = (typeof supportedLanguages)[number];
export const defaultLanguage: Locale = "en";
export const namespaces = ["common", "taxonomy", "practices", "threads", "search", "account", "moderation", "insights", "api", "calls", "organizations"] as const;
export type Namespace = (typeof namespaces)[number];
/** Not translations: the localized, sorted country list, carried with them (useCountryOptions). */
export const COUNTRY_LIST_NS = "countryList";
/** Namespaces only the server reads (email), never sent to the browser. */
export const serverNamespaces = ["mail"] as const;
export const allNamespaces = [...namespaces, ...serverNamespaces] as const;

const rtl = new Set(["ar", "he", "fa", "ur"]);
export function textDirection(lng: string): "ltr" | "rtl" {
  return rtl.has(lng.slice(0, 2)) ? "rtl" : "ltr";
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (supportedLanguages as readonly string[]).includes(v);
}

/** Each language in its own name (the language switcher). */
export const languageNames: Record<Locale, string> = { en: "English", fr: "Français", es: "Español", ar: "العربية", zh: "中文", ru: "Русский" };

/** The BCP 47 tag for Intl formatters: Arabic with Latin digits (as UN Arabic pages write
 *  figures; also the same in Node and every browser, so hydration never differs). */
export function intlLocale(lng: string): string {
  return lng === "ar" ? "ar-u-nu-latn" : lng;
}
