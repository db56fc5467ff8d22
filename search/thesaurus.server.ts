// Cross-language query expansion (issue 13, decision 038). The thesaurus (models/data/
// thesaurus.json: concepts of migration governance with their terms in the six UN languages,
// kept with its sources) is plain data: a query is matched against its terms as text, and what
// comes out is more query text for Meilisearch, never filter syntax.
import data from "../models/data/thesaurus.json";
import { contentLanguages, type ContentLanguage } from "../models/taxonomy";
import { stopWordSet as stop } from "./stop-words";

export interface Concept {
  id: string;
  source: string;
  terms: Record<ContentLanguage, string[]>;
}

export const concepts: Concept[] = (data as { concepts: Concept[] }).concepts;

/** Lower case, no accents or Arabic diacritics, words only, stop words out. */
export function normalizeTerm(s: string): string {
  // Stop words go before accents do ("sûr" is not "sur").
  return s
    .toLowerCase()
    .replace(/[’']/g, " ")
    .split(/[^\p{L}\p{M}\p{N}.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, "")) // "10.7" stays one word; a full stop goes
    .filter((w) => w && !stop.has(w))
    .map((w) => w.normalize("NFKD").replace(/\p{M}/gu, ""))
    .filter(Boolean)
    .join(" ");
}

interface Entry {
  concept: Concept;
  lang: ContentLanguage;
}
// Terms by normalized text; scripts without spaces (Chinese) are matched inside words.
const byTerm = new Map<string, Entry>();
const unspaced: { term: string; entry: Entry }[] = [];
let longest = 1;
for (const concept of concepts) {
  for (const lang of contentLanguages) {
    for (const raw of concept.terms[lang] ?? []) {
      const term = normalizeTerm(raw);
      if (!term || byTerm.has(term)) continue;
      const entry = { concept, lang };
      byTerm.set(term, entry);
      longest = Math.max(longest, term.split(" ").length);
      if (lang === "zh") unspaced.push({ term, entry });
    }
  }
}
unspaced.sort((a, b) => b.term.length - a.term.length);

export interface Expansion {
  /** The concepts the query names, with the language each was named in. */
  matched: { id: string; lang: ContentLanguage; term: string }[];
  /** Per other language, the query in that language: the concepts' preferred terms and the
   *  words of the query no concept covers (names, places, numbers). */
  queries: Partial<Record<ContentLanguage, string>>;
}

/** The query's concepts (longest terms first) and its equivalents in the other languages. */
export function expandQuery(q: string): Expansion {
  const matched: Expansion["matched"] = [];
  const rest: string[] = [];
  let text = normalizeTerm(q.slice(0, 200));
  // Chinese terms, found inside the text.
  for (const { term, entry } of unspaced) {
    if (text.includes(term) && !matched.some((m) => m.id === entry.concept.id)) {
      matched.push({ id: entry.concept.id, lang: entry.lang, term });
      text = text.split(term).join(" ");
    }
  }
  const words = text.split(" ").filter(Boolean);
  for (let i = 0; i < words.length; ) {
    let hit: { entry: Entry; n: number } | null = null;
    for (let n = Math.min(longest, words.length - i); n >= 1 && !hit; n--) {
      const entry = byTerm.get(words.slice(i, i + n).join(" "));
      if (entry) hit = { entry, n };
    }
    if (hit) {
      if (!matched.some((m) => m.id === hit!.entry.concept.id)) matched.push({ id: hit.entry.concept.id, lang: hit.entry.lang, term: words.slice(i, i + hit.n).join(" ") });
      i += hit.n;
    } else {
      rest.push(words[i]);
      i++;
    }
  }
  const queries: Expansion["queries"] = {};
  if (matched.length) {
    const from = new Set(matched.map((m) => m.lang));
    for (const lang of contentLanguages) {
      // Only languages the query was not written in: same-language matches are the main query's.
      if (from.has(lang) && from.size === 1) continue;
      const terms = matched.map((m) => concepts.find((c) => c.id === m.id)!.terms[lang]?.[0]).filter((t): t is string => !!t);
      if (terms.length) queries[lang] = [...terms, ...rest].join(" ");
    }
  }
  return { matched, queries };
}
