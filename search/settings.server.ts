// Index settings for the two public indexes (`practices`, `threads`) and the moderators' queue
// (`reviews`, never queried for the public), applied idempotently at start-up by the sync worker
// and by `npm run reindex` on the fresh indexes.
import type { Meilisearch, Settings } from "meilisearch";
import { contentLanguages, type ContentLanguage } from "../models/taxonomy";
import { indexName, meili } from "./client.server";
import { markReviewsIndex } from "./review-readiness.server";
import { stopWords } from "./stop-words";

export type IndexBase = "practices" | "threads" | "reviews";
export const indexBases: IndexBase[] = ["practices", "threads", "reviews"];

/** Searchable text is stored per content language (`title_fr` …) so localizedAttributes apply. */
export const localizedFields = ["title", "summary", "sections", "replies"] as const;
/** Meilisearch locales (ISO 639-3) of the content languages. */
export const langCodes: Record<ContentLanguage, "eng" | "fra" | "spa" | "ara" | "cmn" | "rus"> = { en: "eng", fr: "fra", es: "spa", ar: "ara", zh: "cmn", ru: "rus" };

/** Attribute names by facet (the API's `facets` object uses these names). */
export const facetAttributes = ["objectives", "principles", "region", "countries", "stakeholderTypes", "sdgTargets", "evidenceLevel", "language", "year", "type"] as const;
export type FacetAttribute = (typeof facetAttributes)[number];

const filterable = [
  "id", // related practices exclude the practice itself (decision 035)
  "objectives",
  "principles",
  "region",
  "subregion",
  "countries",
  "stakeholderTypes",
  "sdgTargets",
  "evidenceLevel",
  "language",
  "year",
  "scope",
  "status",
  "type",
  "spaceId",
  "publishedAt",
  "callId", // a call's answers (calls, decision 032)
  "organizations", // possible duplicates of a submission (search/related.server.ts)
  "practiceIds", // threads about a practice (search/practice-discussions.server.ts)
];

// Vocabulary of the field in EN/FR/ES. Each group is made mutual below (Meilisearch synonyms are
// one-way unless every word lists the others).
export const synonymGroups: string[][] = [
  ["gcm", "global compact for migration", "global compact", "pacte mondial", "pacte mondial sur les migrations", "pacto mundial", "pacto mundial para la migración", "pmm"],
  ["mgi", "igm", "migration governance indicators", "indicateurs de gouvernance des migrations", "indicadores de gobernanza de la migración"],
  ["idp", "idps", "internally displaced", "internally displaced persons", "déplacés internes", "personnes déplacées", "desplazados internos", "desplazamiento interno"],
  ["remittances", "remittance", "transferts de fonds", "remesas", "envois de fonds"],
  ["trafficking", "human trafficking", "traite", "traite des personnes", "trata", "trata de personas"],
  ["smuggling", "migrant smuggling", "trafic de migrants", "tráfico de migrantes"],
  ["statelessness", "stateless", "apatridie", "apatride", "apatridia", "apátrida"],
  ["diaspora", "diasporas", "diáspora"],
  ["reintegration", "réintégration", "reintegración"],
  ["returnees", "returning migrants", "migrants de retour", "personas retornadas", "retornados"],
  ["labour migration", "labor migration", "migration de travail", "migration de main-d'œuvre", "migración laboral"],
  ["fair recruitment", "ethical recruitment", "recrutement équitable", "reclutamiento equitativo"],
  ["climate mobility", "climate migration", "mobilité climatique", "movilidad climática"],
  ["disaster displacement", "déplacements liés aux catastrophes", "desplazamiento por desastres"],
  ["xenophobia", "xénophobie", "xenofobia"],
  ["consular protection", "protection consulaire", "protección consular"],
  ["alternatives to detention", "alternatives à la détention", "alternativas a la detención"],
  ["missing migrants", "migrants disparus", "migrantes desaparecidos", "personas migrantes desaparecidas"],
  ["search and rescue", "recherche et sauvetage", "salvamento marítimo", "búsqueda y salvamento"],
  ["social security", "sécurité sociale", "seguridad social"],
  ["skills recognition", "reconnaissance des compétences", "reconocimiento de competencias"],
  ["un network on migration", "réseau des nations unies sur les migrations", "red de las naciones unidas sobre la migración"],
  ["iom", "oim", "international organization for migration", "organisation internationale pour les migrations", "organización internacional para las migraciones"],
  ["unhcr", "hcr", "acnur"],
  ["ilo", "oit", "international labour organization"],
];

export function mutualSynonyms(groups: string[][] = synonymGroups): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of groups) {
    for (const w of g) out[w] = [...new Set([...(out[w] ?? []), ...g.filter((x) => x !== w)])];
  }
  return out;
}

export function indexSettings(): Settings {
  const searchable: string[] = [];
  for (const f of ["title", "summary"]) for (const l of contentLanguages) searchable.push(`${f}_${l}`);
  searchable.push("organizations", "countryNames");
  for (const f of ["sections", "replies"]) for (const l of contentLanguages) searchable.push(`${f}_${l}`);
  searchable.push("partners");
  return {
    searchableAttributes: searchable,
    filterableAttributes: filterable,
    sortableAttributes: ["publishedAt", "updatedAt", "pinnedRank"],
    // "sort" first: a requested order (newest first) is the order, with or without a query, and
    // relevance breaks ties. Without a sort parameter the rule does nothing, so relevance ranking
    // is unchanged. (Meilisearch's default puts it fifth, after words/typo/proximity/attribute.)
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    displayedAttributes: ["*"],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    synonyms: mutualSynonyms(),
    // "de", "des", "la", "the", "of" … neither match nor rank (search/stop-words.ts).
    stopWords,
    faceting: { maxValuesPerFacet: 300 },
    // The hub shows facet counts but never searches within facet values: skip that index.
    facetSearch: false,
    proximityPrecision: "byWord",
    pagination: { maxTotalHits: 100_000 },
    localizedAttributes: contentLanguages.map((l) => ({
      attributePatterns: localizedFields.map((f) => `${f}_${l}`),
      locales: [langCodes[l]],
    })) as Settings["localizedAttributes"],
  };
}

/** The review queue (decision 040): filtered by status and taxonomy, ordered by submission;
 *  its counts per status are one facet distribution. Titles only are searchable. */
export function reviewIndexSettings(): Settings {
  return {
    searchableAttributes: ["title"],
    filterableAttributes: ["id", "reviewStatus", "objectives", "region", "callId", "submittedAt"],
    // id breaks ties as MongoDB's {submittedAt, _id} does: pages cut from the index and pages
    // merged with changes not yet indexed must agree on the order.
    sortableAttributes: ["submittedAt", "id"],
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    displayedAttributes: ["*"],
    faceting: { maxValuesPerFacet: 20 },
    facetSearch: false,
    pagination: { maxTotalHits: 100_000 },
  };
}

const settingsFor = (uid: string) => (uid.replace(/_new$/, "") === indexName("reviews") ? reviewIndexSettings() : indexSettings());

/** Creates the index if needed and applies the settings, waiting for the tasks. Idempotent. */
export async function applySettings(uid: string, client: Meilisearch = meili(), timeOutMs = 120_000) {
  const idx = client.index(uid);
  try {
    await idx.getRawInfo();
  } catch {
    // a new reviews index is empty: the queue reads MongoDB until a sweep has filled it
    if (uid === indexName("reviews")) await markReviewsIndex(false);
    const t = await client.createIndex(uid, { primaryKey: "id" });
    const done = await client.tasks.waitForTask(t.taskUid, { timeout: timeOutMs });
    if (done.status !== "succeeded" && done.error?.code !== "index_already_exists") {
      throw new Error(`creating index ${uid} failed: ${done.error?.message ?? done.status}`);
    }
  }
  const task = await idx.updateSettings(settingsFor(uid));
  const done = await client.tasks.waitForTask(task.taskUid, { timeout: timeOutMs });
  if (done.status !== "succeeded") throw new Error(`settings for ${uid} failed: ${done.error?.message ?? done.status}`);
}

export async function ensureIndexes(client: Meilisearch = meili()) {
  for (const b of indexBases) await applySettings(indexName(b), client);
}
