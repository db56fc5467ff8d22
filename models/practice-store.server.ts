// Reading and writing one practice document: lookups by id and owner, free slugs (retried on
// a slug race), the conditional update every change goes through (decision 015), and the
// outbox entry every change adds for search.
import { Types } from "mongoose";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FilterQuery<_T> = Record<string, any>;
import { enqueueIndex } from "../search/outbox.server";
import { connectDb } from "./db.server";
import { isDuplicateKey, isObjectId } from "./ids";
import { slugify } from "./practice-slug";
import { Practice, type PracticeDoc } from "./practice.server";

const isId = isObjectId;

/** A slug from the title that no other practice uses (now or as an old slug). Two indexed
 *  equalities per candidate rather than one `$or`, which no store pushes down as well. */
export async function uniqueSlug(title: string, excludeId?: Types.ObjectId | string): Promise<string> {
  const base = slugify(title);
  const other: FilterQuery<PracticeDoc> = excludeId ? { _id: { $ne: new Types.ObjectId(String(excludeId)) } } : {};
  for (let i = 1; i < 500; i++) {
    const candidate = i === 1 ? base : `${base.slice(0, 74)}-${i}`;
    const [asSlug, asOld] = await Promise.all([Practice.exists({ slug: candidate, ...other }), Practice.exists({ oldSlugs: candidate, ...other })]);
    if (!asSlug && !asOld) return candidate;
  }
  return `${base.slice(0, 60)}-${new Types.ObjectId().toHexString()}`;
}

/**
 * One conditional update of a practice: applied whole when the document is still in the state
 * the filter names (its status and its pending revision's status), refused otherwise. Atomic on
 * MongoDB and on the patched FerretDB (decision 015), so it is never lost to a concurrent write
 * and needs no re-application (decision 006's loops are gone). Returns whether it applied.
 */
export async function updatePractice(filter: FilterQuery<PracticeDoc>, update: Record<string, unknown>): Promise<boolean> {
  const r = await Practice.updateOne(filter, update);
  return r.matchedCount > 0;
}

export async function changed(id: Types.ObjectId | string) {
  await enqueueIndex("practice", id);
  // A translation lives in its original's search document: the original changes with it.
  const p = isId(String(id)) ? await Practice.findById(id).select("translationOf").lean() : null;
  if (p?.translationOf) {
    await Practice.updateOne({ _id: p.translationOf }, { $inc: { version: 1 } });
    await enqueueIndex("practice", p.translationOf);
  }
}

/**
 * Runs a write that stores a slug for `title`, with the first free one; when a concurrent write
 * took that slug first (the unique index refuses ours), tries again with the next free one.
 */
export async function withFreeSlug<T>(title: string, excludeId: Types.ObjectId | string | undefined, write: (slug: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const free = await uniqueSlug(title, excludeId);
    const slug = attempt <= 4 ? free : `${free.slice(0, 60)}-${new Types.ObjectId().toHexString().slice(-6)}`;
    try {
      return await write(slug);
    } catch (e) {
      if (!isDuplicateKey(e) || attempt >= 6) throw e;
    }
  }
}

/** The practice if `userId` owns it, else null (callers answer 404 either way). */
export async function findOwnPractice(id: string, userId: string | Types.ObjectId): Promise<PracticeDoc | null> {
  if (!isId(id)) return null;
  await connectDb();
  const p = await Practice.findOne({ _id: id, ownerId: userId }).lean();
  return (p as PracticeDoc | null) ?? null;
}

export async function findPracticeById(id: string): Promise<PracticeDoc | null> {
  if (!isId(id)) return null;
  await connectDb();
  return ((await Practice.findById(id).lean()) as PracticeDoc | null) ?? null;
}
