// Idempotency keys for forms that create something (a thread, a reply). Every render of such a
// form carries a fresh random key; the first submission with it claims the key — an insert
// with the key in `_id`, a unique index, so of two concurrent submissions exactly one wins, on
// MongoDB and on FerretDB alike, without transactions — does the work and records where it
// led. Any later submission with the same key by the same user (a double click, a resubmit
// after Back, a network retry) gets that answer and creates nothing.
// Keys expire after a day: a TTL index where the store has them (MongoDB); FerretDB 1.x has
// none, so an expired key also counts as absent and expired keys are purged now and then.
import mongoose, { Schema, type Model } from "mongoose";
import { randomUUID } from "node:crypto";
import { connectDb } from "./db.server";
import { isDuplicateKey } from "./ids";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** The hidden form field that carries the key. */
export const IDEMPOTENCY_FIELD = "idempotencyKey";

interface IdempotencyDoc {
  _id: string; // `${userId}:${scope}:${key}`
  userId: string;
  scope: string;
  /** Where the first submission led; null while it is still being processed. */
  location: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const schema = new Schema<IdempotencyDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    scope: { type: String, required: true },
    location: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { autoIndex: false }, // the expiry index is made by ensureIndexes (TTL where the store has it)
);
export const IdempotencyKey: Model<IdempotencyDoc> =
  (mongoose.models.IdempotencyKey as Model<IdempotencyDoc>) ?? mongoose.model<IdempotencyDoc>("IdempotencyKey", schema);

/** A new key for one render of a form. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

/** The key a submitted form carries, or null when it has none or a malformed one. */
export function idempotencyKeyOf(form: FormData): string | null {
  const v = form.get(IDEMPOTENCY_FIELD);
  return typeof v === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(v) ? v : null;
}

let indexes: Promise<void> | null = null;
let lastPurge = 0;

function ensureIndexes(): Promise<void> {
  indexes ??= (async () => {
    try {
      await IdempotencyKey.collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: "expiresAt_ttl" });
    } catch (e) {
      if ((e as { code?: number }).code !== 238) throw e; // NotImplemented: FerretDB 1.x
      await IdempotencyKey.collection.createIndex({ expiresAt: 1 }, { name: "expiresAt_1" });
    }
  })().catch((e) => {
    indexes = null;
    throw e;
  });
  return indexes;
}

async function purgeExpired(now: number) {
  if (now - lastPurge < 60 * 60 * 1000) return;
  lastPurge = now;
  await IdempotencyKey.deleteMany({ expiresAt: { $lt: new Date(now) } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OnceOptions {
  userId: string;
  /** What the key is for (e.g. `reply:<threadId>`): a key counts only within its scope. */
  scope: string;
  key: string | null;
  /** Where to send a duplicate whose first submission is still being processed after waiting. */
  whilePending: string;
  waitMs?: number;
}

/**
 * Runs `work` (which creates something and returns the path to redirect to) at most once per
 * user, scope and key; a repeated submission returns the first one's path. Without a key the
 * work just runs. When the work fails, the key is released so that the user can try again.
 */
export async function once(opts: OnceOptions, work: () => Promise<string>): Promise<string> {
  if (!opts.key) return work();
  await connectDb();
  await ensureIndexes();
  const id = `${opts.userId}:${opts.scope}:${opts.key}`;
  const deadline = Date.now() + (opts.waitMs ?? 10_000);
  for (;;) {
    const now = Date.now();
    // In the background: a user's post never waits for the hourly clean-up.
    void purgeExpired(now).catch(() => {});
    try {
      await IdempotencyKey.create({ _id: id, userId: opts.userId, scope: opts.scope, location: null, createdAt: new Date(now), expiresAt: new Date(now + IDEMPOTENCY_TTL_MS) });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = await IdempotencyKey.findById(id).lean();
      if (existing && existing.expiresAt.getTime() < now) {
        await IdempotencyKey.deleteOne({ _id: id, expiresAt: existing.expiresAt });
        continue;
      }
      if (existing?.location) return existing.location;
      if (Date.now() > deadline) return opts.whilePending;
      await sleep(100); // the first submission is still at work (or just failed and released the key)
      continue;
    }
    let location: string;
    try {
      location = await work();
    } catch (e) {
      await IdempotencyKey.deleteOne({ _id: id }).catch(() => undefined);
      throw e;
    }
    await IdempotencyKey.updateOne({ _id: id }, { $set: { location } });
    return location;
  }
}
