// All translation resources, read once on the server; one i18next instance per language, built
// once and shared by every request (decision 016). The browser receives only the current
// language, as a script of its own (`clientI18nScript`, decision 049) that it caches across pages.
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { countryOptions } from "../../models/geo.server";
import { allNamespaces, COUNTRY_LIST_NS, namespaces, supportedLanguages, defaultLanguage, type Locale } from "./config";

type Bundle = Record<string, Record<string, unknown>>;
let cache: Record<string, Bundle> | null = null;

function localesDir() {
  // build/index.js lives one level below the project root; so does app/i18n during tests.
  return path.resolve(process.cwd(), "locales");
}

/** Every language's namespaces, read from `locales/` the first time and never again. */
export function allResources(): Record<string, Bundle> {
  if (cache) return cache;
  const out: Record<string, Bundle> = {};
  for (const lng of supportedLanguages) {
    out[lng] = {};
    for (const ns of allNamespaces) {
      try {
        out[lng][ns] = JSON.parse(readFileSync(path.join(localesDir(), lng, `${ns}.json`), "utf8"));
      } catch {
        out[lng][ns] = {};
      }
    }
    // The country names, sorted in the language, as data the country fields read through
    // i18next (useCountryOptions): with the translations, one cached script per language
    // instead of 13 KB in the loader data of every form page.
    out[lng][COUNTRY_LIST_NS] = { list: countryOptions(lng) };
  }
  cache = out;
  return out;
}

/** What the browser gets: the language's client namespaces (not the server-only ones). */
const clientBundles = new Map<Locale, Bundle>();
export function resourcesFor(locale: Locale): Bundle {
  let bundle = clientBundles.get(locale);
  if (!bundle) {
    const all = allResources()[locale];
    bundle = Object.fromEntries([...namespaces, COUNTRY_LIST_NS].map((ns) => [ns, all[ns]]));
    clientBundles.set(locale, bundle);
  }
  return bundle;
}

export interface ClientI18nScript {
  /** `/i18n/<locale>.<hash>.js`: the hash changes whenever the translations do. */
  path: string;
  hash: string;
  body: string;
}
const clientScripts = new Map<Locale, ClientI18nScript>();
/**
 * The language's client namespaces as a classic script that sets `window.__hubI18n` (read by
 * entry.client before hydration). Built once per language; safe inside HTML and as JavaScript
 * (`<`, U+2028 and U+2029 escaped).
 */
export function clientI18nScript(locale: Locale): ClientI18nScript {
  let script = clientScripts.get(locale);
  if (!script) {
    const data = JSON.stringify({ locale, resources: resourcesFor(locale) })
      .replace(/</g, "\\u003c")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029");
    const body = `window.__hubI18n=${data};\n`;
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
    script = { path: `/i18n/${locale}.${hash}.js`, hash, body };
    clientScripts.set(locale, script);
  }
  return script;
}

/** A new, initialised i18next instance in `locale` (synchronous: the resources are in memory). */
export function createI18n(locale: Locale): I18n {
  const instance = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLanguage,
    ns: [...allNamespaces],
    defaultNS: "common",
    resources: allResources(),
    interpolation: { escapeValue: false },
    showSupportNotice: false,
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

// One instance per language, never switched to another language (changeLanguage on a shared
// instance would leak one request's language into another's), so sharing it between concurrent
// requests is safe: rendering only reads it.
const instances = new Map<Locale, I18n>();
export function i18nFor(locale: Locale): I18n {
  let inst = instances.get(locale);
  if (!inst) {
    inst = createI18n(locale);
    instances.set(locale, inst);
  }
  return inst;
}

// What I18nextProvider gets during server rendering. react-i18next's useTranslation makes a
// "wrapper" of the instance for every component that calls it — Object.create with a copy of
// every own property descriptor of the instance (about 30) — so that a language change gives
// the browser a new identity to re-render on. On the server that copy was the single largest
// i18n cost of a page (1.3–3.3 ms CPU per request, decision 016). The view handed to the
// provider has no own properties, so the copy is empty; below it sits one layer with a
// remembering getFixedT, and below that the language's shared instance, which answers every
// other read (t, language, options, store, translator).
const views = new Map<Locale, I18n>();
export function i18nForRender(locale: Locale): I18n {
  let view = views.get(locale);
  if (!view) {
    const inst = i18nFor(locale);
    // useTranslation records used namespaces on `i18n.reportNamespaces`, creating it when it is
    // missing: an own property on the shared instance keeps the view empty.
    (inst as I18n & { reportNamespaces?: unknown }).reportNamespaces ??= noReport;
    const layer = Object.create(inst) as I18n;
    const getFixedT = ((lng: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) =>
      rememberingFixedT(inst, lng ?? locale, ns ?? undefined, keyPrefix)) as I18n["getFixedT"];
    Object.defineProperty(layer, "getFixedT", { value: getFixedT });
    view = Object.create(layer) as I18n;
    views.set(locale, view);
  }
  return view;
}
// The server never asks which namespaces a render used (no useSSR / getInitialProps).
const noReport = { addUsedNamespaces() {}, getUsedNamespaces: () => [] as string[] };

// i18next spends 10–15 µs on every t() call, and a page makes hundreds (every objective,
// principle and region name, every label). The resources never change after start-up, so a
// plain key (a string, no options) always translates to the same text: it is remembered per
// language, namespaces and key prefix. Calls with options (count, interpolation, defaultValue)
// go to i18next every time. The number of remembered keys is capped, so keys built from
// request input cannot grow the memory without bound.
const MEMO_LIMIT = 4096;
type FixedT = TFunction & { lng?: string; lngs?: readonly string[]; ns?: string | readonly string[]; keyPrefix?: string };
const remembering = new Map<string, TFunction>();
function rememberingFixedT(inst: I18n, lng: string | readonly string[], ns?: string | readonly string[], keyPrefix?: string): TFunction {
  const id = [typeof lng === "string" ? lng : lng.join(","), ns === undefined ? "" : typeof ns === "string" ? ns : ns.join(","), keyPrefix ?? ""].join("\u0000");
  let fast = remembering.get(id);
  if (fast) return fast;
  const t = inst.getFixedT(lng as string, (ns ?? null) as string | null, keyPrefix) as FixedT;
  const call = t as unknown as (...args: unknown[]) => unknown;
  const memo = new Map<string, string>();
  const withOptions = new Map<string, string>();
  const f = (key: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string") return call(key, ...rest);
    if (rest.length > 0) {
      // With options of plain values (count, interpolated text, defaultValue, ns) the result is
      // as fixed as without: remembered by key and options. The values may come from content
      // (titles, names), so this memo starts afresh when full rather than stop remembering.
      if (rest.length !== 1 || !plainOptions(rest[0])) return call(key, ...rest);
      const id = `${key}\u0001${JSON.stringify(rest[0])}`;
      let text = withOptions.get(id);
      if (text === undefined) {
        const out = call(key, rest[0]);
        if (typeof out !== "string") return out;
        text = out;
        if (withOptions.size >= MEMO_LIMIT) withOptions.clear();
        withOptions.set(id, text);
      }
      return text;
    }
    let text = memo.get(key);
    if (text === undefined) {
      const out = call(key);
      if (typeof out !== "string") return out;
      text = out;
      if (memo.size < MEMO_LIMIT) memo.set(key, text);
    }
    return text;
  };
  // What react-i18next's Trans and callers may read off a fixed t.
  Object.assign(f, { lng: t.lng, lngs: t.lngs, ns: t.ns, keyPrefix: t.keyPrefix });
  fast = f as unknown as TFunction;
  remembering.set(id, fast);
  return fast;
}

/** Options whose every value is a string, a finite number, a boolean, null or undefined. */
function plainOptions(o: unknown): o is Record<string, string | number | boolean | null | undefined> {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return false;
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    const type = typeof v;
    if (!(v === null || type === "undefined" || type === "string" || type === "boolean" || (type === "number" && Number.isFinite(v)))) return false;
  }
  return true;
}

/** Builds every language's instance now (at start-up) instead of in the first request. */
export function warmI18n() {
  for (const lng of supportedLanguages) {
    i18nForRender(lng);
    clientI18nScript(lng);
  }
}

/** A translate function for loaders/actions (page titles, messages). */
export function getT(locale: Locale, ns: string | string[] = "common"): TFunction {
  return rememberingFixedT(i18nFor(locale), locale, ns);
}
