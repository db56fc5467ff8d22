// Every locale's catalogs have the keys English has, no key English lacks, and no
// interpolation variable English does not pass (a `{{name}}` the code never sets would show
// raw). Plural keys are compared by their base: a locale has the plural forms its own
// language needs (Intl.PluralRules), whatever English has.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allNamespaces as namespaces, supportedLanguages } from "./config";

const ROOT = path.resolve(__dirname, "../../locales");
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(obj: unknown, prefix = "", out = new Map<string, string>()) {
  if (obj && typeof obj === "object" && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(obj));
  return out;
}

function catalog(lng: string, ns: string) {
  return flatten(JSON.parse(readFileSync(path.join(ROOT, lng, `${ns}.json`), "utf8")));
}

/** Keys grouped by plural base: "count_one"/"count_other" → "count" with its forms. */
function byBase(flat: Map<string, string>) {
  const out = new Map<string, { forms: Set<string>; vars: Set<string> }>();
  for (const [key, value] of flat) {
    const m = pluralSuffix.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    const entry = out.get(base) ?? { forms: new Set<string>(), vars: new Set<string>() };
    if (m) entry.forms.add(m[1]);
    for (const v of value.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)) entry.vars.add(v[1]);
    out.set(base, entry);
  }
  return out;
}

const others = supportedLanguages.filter((l) => l !== "en");

describe("translation catalogs", () => {
  it("every namespace exists as a file in every locale, and no locale has a file English lacks", () => {
    for (const lng of supportedLanguages) {
      const files = readdirSync(path.join(ROOT, lng)).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
      expect(files, lng).toEqual([...namespaces].sort());
    }
  });

  for (const lng of others) {
    it(`${lng} has exactly English's keys, with the plural forms ${lng} needs and only English's variables`, () => {
      const problems: string[] = [];
      const needed = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      for (const ns of namespaces) {
        const en = byBase(catalog("en", ns));
        const tr = byBase(catalog(lng, ns));
        for (const [base, e] of en) {
          const t = tr.get(base);
          if (!t) {
            problems.push(`${ns}:${base} is missing`);
            continue;
          }
          if (e.forms.size > 0) {
            for (const f of needed) if (!t.forms.has(f)) problems.push(`${ns}:${base}_${f} is missing (plural form of ${lng})`);
          } else if (t.forms.size > 0) problems.push(`${ns}:${base} is plural in ${lng} but not in English`);
          for (const v of t.vars) if (!e.vars.has(v)) problems.push(`${ns}:${base} uses {{${v}}}, which English does not`);
        }
        for (const base of tr.keys()) if (!en.has(base)) problems.push(`${ns}:${base} is not in English`);
      }
      expect(problems).toEqual([]);
    });
  }
});
