// Reading and writing one practice document: lookups by id and owner, free slugs (retried on
// a slug race), the update that survives FerretDB's lost updates (decision 006), and the
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

/** A slug from the title that no other practice uses (now or as an old slug). */
export async function uniqueSlug(title: string, excludeId?: Types.ObjectId | string): Promise<string> {
  const base = slugify(title);
  for (let i = 1; i < 500; i++) {
    const candidate = i === 1 ? base : `${base.slice(0, 74)}-${i}`;
    const filter: FilterQuery<PracticeDoc> = { $or: [{ slug: candidate }, { oldSlugs: candidate }] };
    if (excludeId) filter._id = { $ne: new Types.ObjectId(String(excludeId)) };
    if (!(await Practice.exists(filter))) return candidate;
  }
  return `${base.slice(0, 60)}-${new Types.ObjectId().toHexString()}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * updateOne that survives FerretDB's lost updates: a concurrent write to the same practice (an
 * autosave still in flight when the owner submits, two moderators) can overwrite ours with a
 * stale copy. Re-read, and re-apply while the document is still in the state we started from.
 * See decision 006.
 */
export async function durableUpdate(
  id: Types.ObjectId,
  filter: FilterQuery<PracticeDoc>,
  update: Record<string, unknown>,
  applied: (doc: PracticeDoc) => boolean,
): Promise<boolean> {
  const r = await Practice.updateOne(filter, update);
  if (r.matchedCount === 0) return false;
  // The concurrent stale write can land a few hundred milliseconds later: the change must hold
  // on two checks spread over about half a second (re-applied whenever it was lost).
  let held = 0;
  for (const wait of [40, 150, 300, 300, 300, 300]) {
    await sleep(wait);
    const doc = (await Practice.findById(id).lean()) as PracticeDoc | null;
    if (!doc) return false;
    if (applied(doc)) {
      if (++held >= 2) return true;
      continue;
    }
    held = 0;
    const again = await Practice.updateOne(filter, update);
    if (again.matchedCount === 0) return false;
  }
  const last = (await Practice.findById(id).lean()) as PracticeDoc | null;
  return Boolean(last && applied(last));
}

export async function changed(id: Types.ObjectId | string) {
  await enqueueIndex("practice", id);
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
