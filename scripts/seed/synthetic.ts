// Generated content for benchmarks (`npm run seed -- --practices N`): N practices of the demo's
// size (six rich-text sections of two paragraphs, 300–600 characters each), their owners, and
// threads with replies in the demo's proportions (14 threads and about 3.6 replies each per 66
// practices), written with insertMany in batches. Every batch is followed by its search outbox
// entries (search/outbox.server.ts), as the app's own writes are, so a running hub indexes the
// content within seconds instead of waiting for a sweep.
import { evidenceLevels, suggestedTargets } from "../../models/practice-evidence.ts";
import { Types } from "mongoose";
import { richTextFromPlain, type RichText } from "../../app/editor/rich-text.server.ts";
import { countryCodes, regionsOf } from "../../models/geo.server.ts";
import { Post } from "../../models/post.server.ts";
import { Practice, sectionKeys } from "../../models/practice.server.ts";
import type { PracticeStatus } from "../../models/practice-workflow.ts";
import { Space } from "../../models/space.server.ts";
import { Thread } from "../../models/thread.server.ts";
import { User } from "../../models/user.server.ts";
import { enqueueIndexMany } from "../../search/outbox.server.ts";
import {
  budgetRanges,
  contentLanguages,
  implementationStatuses,
  objectives,
  principles,
  scopes,
  stakeholderTypes,
  type ContentLanguage,
} from "../../models/taxonomy.ts";

const vocabulary: Partial<Record<ContentLanguage, { words: string[]; glue: string[] }>> = {
  en: {
    words:
      "migration migrants remittances labour mobility health policy data integration border protection children return reintegration diaspora skills recognition climate displacement community services consular trafficking smuggling rights inclusion municipality ministry workers employers training housing language registration documentation pathways regular survey indicators coordination partnership evaluation referral shelter counselling volunteers".split(
        " ",
      ),
    glue: "the of and for with in through by to a on from local national regional".split(" "),
  },
  fr: {
    words:
      "migration migrants transferts fonds mobilité travail santé politique données intégration frontière protection enfants retour réintégration diaspora compétences climat déplacement communauté services consulaires traite droits inclusion commune ministère travailleurs employeurs formation logement langue enregistrement documents voies régulières enquête indicateurs coordination partenariat évaluation orientation accueil bénévoles".split(
        " ",
      ),
    glue: "le la les des du et pour avec dans par au aux sur entre locale nationale régionale".split(" "),
  },
  es: {
    words:
      "migración migrantes remesas movilidad laboral salud política datos integración frontera protección niñez retorno reintegración diáspora competencias clima desplazamiento comunidad servicios consulares trata derechos inclusión municipio ministerio trabajadores empleadores formación vivienda idioma registro documentación vías regulares encuesta indicadores coordinación alianza evaluación derivación albergue orientación voluntarios".split(
        " ",
      ),
    glue: "el la los las de del y para con en por a sobre entre local nacional regional".split(" "),
  },
};
/** The languages synthetic practices are written in (those with a vocabulary above). */
const seedLanguages = contentLanguages.filter((l) => vocabulary[l]);
const firstNames = "Amina Kwame Lucía Claire Ahmed Mei Olga Juan Fatou Ravi Sofia Tariq Ines Kofi Hana Diego Leila Samuel Nadia Chen".split(" ");
const lastNames = "Diallo Mensah Fernández Dubois Haddad Wang Petrova García Ndiaye Sharma Rossi Khan Moreau Boateng Sato López Nasser Okafor Ivanova Li".split(" ");

/** A small deterministic generator, so a run can be repeated. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export interface SyntheticOptions {
  /** Called after every batch with the number of practices written so far. */
  onProgress?: (done: number) => void;
  /** Threads per practice (default 14/66, the demo's proportion); replies per thread 1–6. */
  threadsPerPractice?: number;
  /** Random seed (default: from the clock). */
  seed?: number;
}

export interface SyntheticResult {
  stamp: string;
  practices: number;
  published: number;
  threads: number;
  replies: number;
  users: number;
  outbox: number;
  seconds: number;
  /** The last published practice and the last thread written (the slowest to find on a scan). */
  newestPublishedSlug: string | null;
  newestThreadId: string | null;
}

const PRACTICE_BATCH = 500;
const POST_BATCH = 1000;

export async function seedSynthetic(n: number, opts: SyntheticOptions = {}): Promise<SyntheticResult> {
  const started = performance.now();
  const rand = rng(opts.seed ?? n * 7919 + (Date.now() % 100_000));
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const some = <T>(a: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(a)))];
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const sentence = (lang: ContentLanguage, lo: number, hi: number) => {
    const { words, glue } = vocabulary[lang]!;
    const k = between(lo, hi);
    const out = Array.from({ length: k }, (_, i) => (i % 3 === 1 ? pick(glue) : pick(words)));
    return `${out[0][0].toUpperCase()}${out.join(" ").slice(1)}.`;
  };
  const paragraph = (lang: ContentLanguage, sentences: number) => Array.from({ length: sentences }, () => sentence(lang, 8, 16)).join(" ");
  // Rendering rich text (headless Lexical + sanitizer) takes about 12 ms a text: the texts are
  // rendered once into pools and combined, so 10,000 practices do not spend 12 minutes on it.
  const pool = (count: number, make: (lang: ContentLanguage) => string) =>
    Object.fromEntries(seedLanguages.map((l) => [l, Array.from({ length: count }, () => richTextFromPlain(make(l)))])) as Record<ContentLanguage, RichText[]>;
  const sectionPool = pool(40, (l) => `${paragraph(l, between(2, 3))}\n\n${paragraph(l, between(1, 2))}`);
  const threadPool = pool(16, (l) => `${paragraph(l, between(2, 3))}\n\n${paragraph(l, between(1, 2))}`);
  const replyPool = pool(24, (l) => paragraph(l, between(1, 3)));

  const stamp = `${Date.now().toString(36)}${Math.floor(rand() * 1296).toString(36)}`;
  const result: SyntheticResult = { stamp, practices: 0, published: 0, threads: 0, replies: 0, users: 0, outbox: 0, seconds: 0, newestPublishedSlug: null, newestThreadId: null };

  // Owners: one account per ten practices (they cannot log in: no password hash).
  const userCount = Math.max(1, Math.ceil(n / 10));
  const users = Array.from({ length: userCount }, (_, k) => ({
    _id: new Types.ObjectId(),
    email: `synthetic-${stamp}-${k}@example.invalid`,
    displayName: `${pick(firstNames)} ${pick(lastNames)} ${k}`,
    passwordHash: "disabled",
    roles: ["member"],
    stakeholderType: pick(stakeholderTypes),
    country: pick(countryCodes),
  }));
  for (let i = 0; i < users.length; i += POST_BATCH) await User.insertMany(users.slice(i, i + POST_BATCH), { ordered: false });
  result.users = users.length;
  const userIds = users.map((u) => u._id);

  // Practices: 95 % published, the rest drafts and submissions (the moderation queue).
  const publishedIds: Types.ObjectId[] = [];
  for (let start = 0; start < n; start += PRACTICE_BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(n, start + PRACTICE_BATCH); i++) {
      const lang = pick(seedLanguages);
      const countries = rand() < 0.1 ? [] : some(countryCodes, 3);
      const { regions, subregions } = regionsOf(countries);
      const r = rand();
      const status: PracticeStatus = r < 0.95 ? "published" : r < 0.975 ? "submitted" : r < 0.99 ? "draft" : "changes-requested";
      const published = new Date(Date.UTC(2019 + Math.floor(rand() * 7), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
      const _id = new Types.ObjectId();
      if (status === "published") {
        publishedIds.push(_id);
        result.newestPublishedSlug = `synthetic-${stamp}-${i}`;
      }
      const objs = some(objectives, 3);
      batch.push({
        _id,
        slug: `synthetic-${stamp}-${i}`,
        ownerId: pick(userIds),
        status,
        language: lang,
        title: `${sentence(lang, 6, 11).slice(0, -1)} (${i})`,
        summary: paragraph(lang, 3).slice(0, 600),
        sections: Object.fromEntries(sectionKeys.map((k) => [k, pick(sectionPool[lang])])),
        organizations: [`Synthetic organization ${Math.floor(rand() * 500)}`],
        partners: rand() < 0.5 ? [`Synthetic partner ${Math.floor(rand() * 300)}`] : [],
        countries,
        regions,
        subregions,
        scope: pick(scopes),
        objectives: objs,
        sdgTargets: suggestedTargets(objs).filter(() => rand() < 0.6).map((x) => x.target),
        evidenceLevel: pick([...evidenceLevels]),
        principles: some(principles, 2),
        stakeholderTypes: some(stakeholderTypes, 2),
        startDate: new Date(published.getTime() - 1000 * 3600 * 24 * 400),
        implementationStatus: pick(implementationStatuses),
        budgetRange: pick(budgetRanges),
        fundingSource: "Synthetic fund",
        contact: { name: `${pick(firstNames)} ${pick(lastNames)}`, email: "contact@example.invalid" },
        links: [],
        publishedAt: status === "published" ? published : null,
        submittedAt: status === "draft" ? null : published,
        createdAt: published,
      });
    }
    await Practice.insertMany(batch, { ordered: false });
    result.outbox += await enqueueIndexMany(
      "practice",
      batch.map((p) => p._id),
    );
    result.practices += batch.length;
    result.published = publishedIds.length;
    opts.onProgress?.(result.practices);
  }

  // Threads and their replies, in the existing spaces (the demo's), linked to some practices.
  const spaces = await Space.find({}).select("_id").lean();
  const threadCount = spaces.length ? Math.round(n * (opts.threadsPerPractice ?? 14 / 66)) : 0;
  for (let start = 0; start < threadCount; start += PRACTICE_BATCH) {
    const threads = [];
    const posts = [];
    for (let i = start; i < Math.min(threadCount, start + PRACTICE_BATCH); i++) {
      const lang = pick(seedLanguages);
      const _id = new Types.ObjectId();
      const createdAt = new Date(Date.UTC(2023 + Math.floor(rand() * 3), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), between(6, 20)));
      const replies = between(1, 6);
      let last = createdAt;
      for (let k = 0; k < replies; k++) {
        last = new Date(last.getTime() + between(1, 72) * 3600_000);
        posts.push({ threadId: _id, authorId: pick(userIds), body: pick(replyPool[lang]), createdAt: last, updatedAt: last });
      }
      threads.push({
        _id,
        spaceId: pick(spaces)._id,
        authorId: pick(userIds),
        title: `${sentence(lang, 5, 10).slice(0, -1)}?`,
        body: pick(threadPool[lang]),
        language: lang,
        objectives: some(objectives, 2),
        region: pick(["global", "Africa", "Americas", "Asia", "Europe", "Oceania"]),
        practiceIds: publishedIds.length ? some(publishedIds, 2) : [],
        replyCount: replies,
        lastPostAt: last,
        createdAt,
        updatedAt: last,
      });
    }
    // Replies first: the index document of a thread carries the text of its replies.
    for (let i = 0; i < posts.length; i += POST_BATCH) await Post.insertMany(posts.slice(i, i + POST_BATCH), { ordered: false });
    await Thread.insertMany(threads, { ordered: false });
    result.outbox += await enqueueIndexMany(
      "thread",
      threads.map((t) => t._id),
    );
    result.threads += threads.length;
    result.newestThreadId = String(threads.at(-1)!._id);
    result.replies += posts.length;
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Removes what one synthetic run added (by its stamp) and queues the index removals. */
export async function removeSynthetic(stamp: string) {
  const practiceIds = (await Practice.find({ slug: new RegExp(`^synthetic-${stamp}-`) }).select("_id").lean()).map((p) => p._id);
  const userIds = (await User.find({ email: new RegExp(`^synthetic-${stamp}-`) }).select("_id").lean()).map((u) => u._id);
  const threadIds = (await Thread.find({ authorId: { $in: userIds } }).select("_id").lean()).map((t) => t._id);
  await Post.deleteMany({ threadId: { $in: threadIds } });
  await Thread.deleteMany({ _id: { $in: threadIds } });
  await Practice.deleteMany({ _id: { $in: practiceIds } });
  await User.deleteMany({ _id: { $in: userIds } });
  await enqueueIndexMany("practice", practiceIds);
  await enqueueIndexMany("thread", threadIds);
}
