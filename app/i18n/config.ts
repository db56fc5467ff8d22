// Languages and namespaces shared by server and browser.
export const supportedLanguages = ["en", "fr", "es"] as const;
export type Locale = (typeof supportedLanguages)[number];
export const defaultLanguage: Locale = "en";
export const namespaces = ["common", "taxonomy", "practices", "threads", "search", "account", "moderation", "insights", "api", "calls"] as const;
export type Namespace = (typeof namespaces)[number];

const rtl = new Set(["ar", "he", "fa", "ur"]);
export function textDirection(lng: string): "ltr" | "rtl" {
  return rtl.has(lng.slice(0, 2)) ? "rtl" : "ltr";
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (supportedLanguages as readonly string[]).includes(v);
}

export const languageNames: Record<Locale, string> = { en: "English", fr: "Français", es: "Español" };
