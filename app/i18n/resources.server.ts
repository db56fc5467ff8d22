// All translation resources, loaded once on the server. The browser receives only the
// current language through the root loader.
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { readFileSync } from "node:fs";
import path from "node:path";
import { namespaces, supportedLanguages, defaultLanguage, type Locale } from "./config";

type Bundle = Record<string, Record<string, unknown>>;
let cache: Record<string, Bundle> | null = null;

function localesDir() {
  // build/index.js lives one level below the project root; so does app/i18n during tests.
  const candidates = [path.resolve(process.cwd(), "locales")];
  return candidates[0];
}

export function allResources(): Record<string, Bundle> {
  if (cache && process.env.NODE_ENV === "production") return cache;
  const out: Record<string, Bundle> = {};
  for (const lng of supportedLanguages) {
    out[lng] = {};
    for (const ns of namespaces) {
      try {
        out[lng][ns] = JSON.parse(readFileSync(path.join(localesDir(), lng, `${ns}.json`), "utf8"));
      } catch {
        out[lng][ns] = {};
      }
    }
  }
  cache = out;
  return out;
}

export function resourcesFor(locale: Locale): Bundle {
  return allResources()[locale];
}

export function createI18n(locale: Locale): I18n {
  const instance = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLanguage,
    ns: [...namespaces],
    defaultNS: "common",
    resources: allResources(),
    interpolation: { escapeValue: false },
    showSupportNotice: false,
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

const fixed = new Map<string, I18n>();
/** A translate function for loaders/actions (page titles, messages). */
export function getT(locale: Locale, ns: string | string[] = "common"): TFunction {
  let inst = fixed.get(locale);
  if (!inst || process.env.NODE_ENV !== "production") {
    inst = createI18n(locale);
    fixed.set(locale, inst);
  }
  return inst.getFixedT(locale, ns);
}
