// Fixed-window rate limits with counters in MongoDB, so they hold across app instances.
import mongoose, { Schema, type Model } from "mongoose";
import { connectDb } from "./db.server";
import { isDuplicateKey } from "./ids";
import { metrics, rateLimitLabel } from "./metrics.server";

/** Two first attempts at once both try to insert the counter; the loser's retry finds it and
 *  increments it (the documented MongoDB behaviour of concurrent upserts on a unique key). */
async function upsertRetrying<T>(op: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (e) {
      if (!isDuplicateKey(e) || i >= tries) throw e;
    }
  }
}

interface RateDoc {
  _id: string; // `${key}:${windowStart}`
  count: number;
  expiresAt: Date;
}
const rateSchema = new Schema<RateDoc>({
  _id: { type: String, required: true },
  count: { type: Number, default: 0 },
  expiresAt: { type: Date, required: true, index: true },
});
export const RateCounter: Model<RateDoc> = (mongoose.models.RateCounter as Model<RateDoc>) ?? mongoose.model<RateDoc>("RateCounter", rateSchema);

export interface RateResult {
  ok: boolean;
  count: number;
  retryAfterMs: number;
}

/** Counts one attempt for `key`; refuses when more than `limit` fall in the current window. */
export async function consumeRateLimit(key: string, limit: number, windowMs: number): Promise<RateResult> {
  await connectDb();
  const now = Date.now();
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const id = `${key}:${windowStart}`;
  const doc = await upsertRetrying(() =>
    RateCounter.findOneAndUpdate(
      { _id: id },
      { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(windowStart + windowMs) } },
      { upsert: true, returnDocument: "after" },
    ).lean(),
  );
  const count = doc?.count ?? 1;
  if (count > limit) metrics.rateLimitHits.inc({ limit: rateLimitLabel(key) });
  return { ok: count <= limit, count, retryAfterMs: windowStart + windowMs - now };
}

/** Current count without consuming (for "is this account locked?" checks). */
export async function peekRateLimit(key: string, windowMs: number): Promise<number> {
  await connectDb();
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const doc = await RateCounter.findById(`${key}:${windowStart}`).lean();
  return doc?.count ?? 0;
}

export async function resetRateLimit(key: string, windowMs: number) {
  await connectDb();
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  await RateCounter.deleteOne({ _id: `${key}:${windowStart}` });
}
