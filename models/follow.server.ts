// Follows: a member follows a space, a thread or a GCM objective and is notified of new
// threads (space, objective) or new replies (thread).
import mongoose, { Schema, type Model, Types } from "mongoose";
import { connectDb } from "./db.server";
import { isObjectId } from "./ids";
import { isObjective } from "./taxonomy";

export const followTargets = ["space", "thread", "objective"] as const;
export type FollowTarget = (typeof followTargets)[number];

export interface FollowDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  targetType: FollowTarget;
  /** A space or thread id, or an objective number, as text. */
  targetKey: string;
  createdAt: Date;
}
const followSchema = new Schema<FollowDoc>(
  {
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    targetType: { type: String, enum: followTargets, required: true },
    targetKey: { type: String, required: true, maxlength: 40 },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
followSchema.index({ userId: 1, targetType: 1, targetKey: 1 }, { unique: true });
followSchema.index({ targetType: 1, targetKey: 1 });

export const Follow: Model<FollowDoc> = (mongoose.models.Follow as Model<FollowDoc>) ?? mongoose.model<FollowDoc>("Follow", followSchema);

export function validFollowTarget(type: string, key: string): type is FollowTarget {
  if (type === "objective") return /^\d{1,2}$/.test(key) && isObjective(Number(key));
  if (type === "space" || type === "thread") return isObjectId(key);
  return false;
}

/** Follows a target; a key that cannot name one (not an ObjectId, not an objective) is refused. */
export async function follow(userId: string, targetType: FollowTarget, targetKey: string) {
  if (!validFollowTarget(targetType, targetKey)) throw new Error(`invalid follow target ${targetType}`);
  await connectDb();
  if (await Follow.exists({ userId, targetType, targetKey })) return;
  try {
    await Follow.create({ userId, targetType, targetKey });
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e; // already following: fine
  }
}

export async function unfollow(userId: string, targetType: FollowTarget, targetKey: string) {
  await connectDb();
  await Follow.deleteMany({ userId, targetType, targetKey });
}

export async function isFollowing(userId: string | null | undefined, targetType: FollowTarget, targetKey: string): Promise<boolean> {
  if (!userId) return false;
  await connectDb();
  return Boolean(await Follow.exists({ userId, targetType, targetKey }));
}

/** Followers of any of the given targets (ids as strings, de-duplicated). */
export async function followersOf(targets: { targetType: FollowTarget; targetKey: string }[], limit = 5000): Promise<string[]> {
  if (!targets.length) return [];
  await connectDb();
  const docs = await Follow.find({ $or: targets.map((t) => ({ targetType: t.targetType, targetKey: t.targetKey })) })
    .select("userId")
    .limit(limit)
    .lean();
  return [...new Set(docs.map((d) => String(d.userId)))];
}

export async function followsOf(userId: string) {
  await connectDb();
  return Follow.find({ userId }).sort({ createdAt: -1 }).limit(500).lean();
}
