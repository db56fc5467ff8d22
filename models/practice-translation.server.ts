// Versions of one practice in several languages (issue 13): a member translates a published
// practice; the translation is reviewed like any submission; the original and its published
// translations are one practice to readers (one search result, "Also available in").
import { Types } from "mongoose";
import { connectDb } from "./db.server";
import { isObjectId } from "./ids";
import { Practice, type PracticeDoc } from "./practice.server";
import { isContentLanguage, type ContentLanguage } from "./taxonomy";

/** The original of a practice: itself, or the practice it translates. */
export const originalIdOf = (p: Pick<PracticeDoc, "_id" | "translationOf">) => String(p.translationOf ?? p._id);

/** The published original a translation may be made of (a translation's own original when given a translation), or null. */
export async function translatableOriginal(id: string): Promise<PracticeDoc | null> {
  if (!isObjectId(id)) return null;
  await connectDb();
  let p = (await Practice.findById(id).lean()) as PracticeDoc | null;
  if (p?.translationOf) p = (await Practice.findById(p.translationOf).lean()) as PracticeDoc | null;
  return p && p.status === "published" ? p : null;
}

/** Languages the practice already has: the original's and every translation's except `selfId`'s. */
export async function takenLanguages(original: PracticeDoc, selfId?: string | null): Promise<ContentLanguage[]> {
  const others = await Practice.find({ translationOf: original._id }).select("_id language").lean();
  const langs = [original.language, ...others.filter((o) => String(o._id) !== selfId).map((o) => o.language)];
  return [...new Set(langs.filter(isContentLanguage))];
}

export type TranslationCheck = { original: PracticeDoc | null; error?: "unknown" | "sameLanguage" };

/** Checks a form's `translationOf` and language: a published original, in a language it lacks. */
export async function checkTranslation(translationOf: string, language: string, selfId?: string | null): Promise<TranslationCheck> {
  if (!translationOf) return { original: null };
  const original = await translatableOriginal(translationOf);
  if (!original) return { original: null, error: "unknown" };
  if ((await takenLanguages(original, selfId)).includes(language as ContentLanguage)) return { original, error: "sameLanguage" };
  return { original };
}

/** Marks a new practice as a translation of `originalId` (once: a practice never changes what it translates). */
export async function setPracticeTranslation(practiceId: string, originalId: Types.ObjectId) {
  const { changed } = await import("./practice-store.server");
  const r = await Practice.updateOne({ _id: practiceId, translationOf: null }, { $set: { translationOf: originalId }, $inc: { version: 1 } });
  if (r.modifiedCount) await changed(practiceId);
}

export interface PracticeVersion {
  language: ContentLanguage;
  slug: string;
  title: string;
  original: boolean;
}

/** The published versions of the practice `p` belongs to (the original first), `p` included. */
export async function publishedVersions(p: Pick<PracticeDoc, "_id" | "translationOf" | "language" | "slug" | "title" | "status">): Promise<PracticeVersion[]> {
  await connectDb();
  const originalId = new Types.ObjectId(originalIdOf(p));
  const [original, translations] = await Promise.all([
    p.translationOf ? Practice.findOne({ _id: originalId, status: "published" }).select("language slug title").lean() : Promise.resolve(p.status === "published" ? p : null),
    Practice.find({ translationOf: originalId, status: "published" }).select("language slug title").lean(),
  ]);
  const out: PracticeVersion[] = [];
  if (original) out.push({ language: original.language as ContentLanguage, slug: original.slug, title: original.title, original: true });
  for (const t of translations) out.push({ language: t.language as ContentLanguage, slug: t.slug, title: t.title, original: false });
  return out;
}

/** Published translations of these originals, by original id (for their search documents). */
export async function publishedTranslationsOf(originalIds: (string | Types.ObjectId)[]): Promise<Map<string, PracticeDoc[]>> {
  const out = new Map<string, PracticeDoc[]>();
  if (!originalIds.length) return out;
  const rows = (await Practice.find({ translationOf: { $in: originalIds.map((i) => new Types.ObjectId(String(i))) }, status: "published" }).lean()) as PracticeDoc[];
  for (const r of rows) {
    const k = String(r.translationOf);
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}
