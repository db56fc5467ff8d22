// How a practice's coded values read to people: the one labelling function shared by the
// submission form, the review page and the diffs (review page, public compare page), so a
// diff says "5. Decent work" where the form said it, in the reader's language.
// Pure: used by the browser (the form) and the server (the diffs are computed in loaders).
import { evidenceKey, sdgTargetTitle } from "./practice-evidence";
import { objectiveKey, principleKey, regionKey, stakeholderKey } from "./taxonomy";

/** Any i18next `t` (react-i18next's or the server's). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface PracticeLabels {
  language: (code: string) => string;
  objective: (n: number) => string;
  principle: (id: string) => string;
  stakeholderType: (id: string) => string;
  scope: (s: string) => string;
  implementationStatus: (s: string) => string;
  budgetRange: (b: string) => string;
  region: (r: string) => string;
  country: (code: string) => string;
  /** "10.7 Facilitate orderly, safe…" (the official title in the reader's language). */
  sdgTarget: (id: string) => string;
  evidenceLevel: (level: string) => string;
}

/** Labels for a reader; `countryName` comes from the server (i18n-iso-countries), so the
 *  browser passes what the loader sent (the form's country options). */
export function practiceLabels(t: Translate, countryName: (code: string) => string = (c) => c, lang = "en"): PracticeLabels {
  return {
    language: (code) => t(`language.${code}`, { ns: "common", defaultValue: code }),
    objective: (n) => `${n}. ${t(objectiveKey(n), { ns: "taxonomy", defaultValue: String(n) })}`,
    principle: (id) => t(principleKey(id), { ns: "taxonomy", defaultValue: id }),
    stakeholderType: (id) => t(stakeholderKey(id), { ns: "taxonomy", defaultValue: id }),
    scope: (s) => t(`scope.${s}`, { ns: "practices", defaultValue: s }),
    implementationStatus: (s) => t(`implementationStatus.${s}`, { ns: "practices", defaultValue: s }),
    budgetRange: (b) => t(`budget.${b}`, { ns: "practices", defaultValue: b }),
    region: (r) => t(regionKey(r), { ns: "taxonomy", defaultValue: r }),
    country: countryName,
    sdgTarget: (id) => `${id} ${sdgTargetTitle(id, lang)}`,
    evidenceLevel: (level) => t(evidenceKey(level), { ns: "practices", defaultValue: level }),
  };
}
