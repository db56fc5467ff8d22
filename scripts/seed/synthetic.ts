// Generated practices for benchmarks (`npm run seed -- --synthetic N`).
import { richTextFromPlain } from "../../app/editor/rich-text.server.ts";
import { countryCodes, regionsOf } from "../../models/geo.server.ts";
import { Practice } from "../../models/practice.server.ts";
import { budgetRanges, contentLanguages, objectives, principles, scopes, stakeholderTypes } from "../../models/taxonomy.ts";

const words = {
  en: "migration remittances labour mobility health policy data integration border protection children return reintegration diaspora skills recognition climate displacement community services consular trafficking smuggling rights inclusion".split(" "),
  fr: "migration transferts de fonds mobilité travail santé politique données intégration frontière protection enfants retour réintégration diaspora compétences climat déplacement communauté services".split(" "),
  es: "migración remesas movilidad laboral salud política datos integración frontera protección niñez retorno reintegración diáspora competencias clima desplazamiento comunidad servicios".split(" "),
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export async function seedSynthetic(n: number, ownerId: string, onProgress?: (done: number) => void) {
  const rand = rng(n * 7919 + Date.now() % 1000);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const some = <T>(a: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(a)))];
  const stamp = Date.now().toString(36);
  const batch: Record<string, unknown>[] = [];
  let done = 0;
  for (let i = 0; i < n; i++) {
    const lang = pick(contentLanguages);
    const sentence = (k: number) => Array.from({ length: k }, () => pick(words[lang])).join(" ");
    const countries = rand() < 0.1 ? [] : some(countryCodes, 3);
    const { regions, subregions } = regionsOf(countries);
    const text = richTextFromPlain(`${sentence(30)}.\n\n${sentence(40)}.`);
    const published = new Date(Date.UTC(2019 + Math.floor(rand() * 7), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
    batch.push({
      slug: `synthetic-${stamp}-${i}`,
      ownerId,
      status: "published",
      language: lang,
      title: `${sentence(6)} ${i}`,
      summary: sentence(40).slice(0, 600),
      sections: { context: text, description: text, implementation: text, results: text, lessons: text, replicability: text },
      organizations: [`Synthetic organization ${Math.floor(rand() * 500)}`],
      partners: [],
      countries,
      regions,
      subregions,
      scope: pick(scopes),
      objectives: some(objectives, 3),
      principles: some(principles, 2),
      stakeholderTypes: some(stakeholderTypes, 2),
      startDate: new Date(published.getTime() - 1000 * 3600 * 24 * 400),
      implementationStatus: "ongoing",
      budgetRange: pick(budgetRanges),
      publishedAt: published,
      submittedAt: published,
    });
    if (batch.length === 200 || i === n - 1) {
      await Practice.insertMany(batch.splice(0), { ordered: false });
      done = i + 1;
      onProgress?.(done);
    }
  }
  return done;
}
