// Published revisions of a practice: every publication stores a snapshot of the content, so
// the public page can offer its history and any two revisions can be compared. Also the review
// snapshots, and the reads of both (revision list, one revision, the latest review).
import mongoose, { Schema, type Model, Types } from "mongoose";
import { connectDb } from "./db.server";
import { contentOf, type ContentSource, type PracticeContent } from "./practice-content";
import { practiceContentFields } from "./practice.server";
import { User } from "./user.server";

const revisionSchema = new Schema(
  {
    practiceId: { type: Schema.Types.ObjectId, ref: "Practice", required: true },
    number: { type: Number, required: true },
    slug: { type: String, default: "" },
    snapshot: { type: new Schema({ ...practiceContentFields }, { _id: false }), required: true },
    publishedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    publishedAt: { type: Date, default: () => new Date() },
    comment: { type: String, default: "", maxlength: 4000 },
  },
  { timestamps: false },
);
revisionSchema.index({ practiceId: 1, number: -1 }, { unique: true });

export interface PracticeRevisionDoc {
  _id: Types.ObjectId;
  practiceId: Types.ObjectId;
  number: number;
  slug: string;
  snapshot: Record<string, unknown> & { title: string; summary: string; sections?: Record<string, { html?: string; text?: string; state?: string }> };
  publishedBy: Types.ObjectId | null;
  publishedAt: Date;
  comment: string;
}
export const PracticeRevision: Model<PracticeRevisionDoc> =
  (mongoose.models.PracticeRevision as Model<PracticeRevisionDoc>) ??
  mongoose.model<PracticeRevisionDoc>("PracticeRevision", revisionSchema);

// Review snapshots: what a moderator had in front of them at each review decision (request
// changes, reject, publish), so the next review can show "changes since the last submission"
// and not only the changes since the published version. Insert-only, written after the
// decision itself (no multi-document transaction: if it is missing, the review page simply
// has no "since the last submission" diff).
const reviewSnapshotSchema = new Schema(
  {
    practiceId: { type: Schema.Types.ObjectId, ref: "Practice", required: true },
    action: { type: String, required: true },
    snapshot: { type: new Schema({ ...practiceContentFields }, { _id: false }), required: true },
    reviewerId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    comment: { type: String, default: "", maxlength: 4000 },
    reviewedAt: { type: Date, default: () => new Date() },
  },
  { timestamps: false },
);
reviewSnapshotSchema.index({ practiceId: 1, reviewedAt: -1 });

export interface PracticeReviewSnapshotDoc {
  _id: Types.ObjectId;
  practiceId: Types.ObjectId;
  action: string;
  snapshot: Record<string, unknown>;
  reviewerId: Types.ObjectId | null;
  comment: string;
  reviewedAt: Date;
}
export const PracticeReviewSnapshot: Model<PracticeReviewSnapshotDoc> =
  (mongoose.models.PracticeReviewSnapshot as Model<PracticeReviewSnapshotDoc>) ??
  mongoose.model<PracticeReviewSnapshotDoc>("PracticeReviewSnapshot", reviewSnapshotSchema);

// ── Reading revisions and review snapshots ───────────────────────────────────────────────

export async function listRevisions(practiceId: Types.ObjectId | string) {
  await connectDb();
  const rows = (await PracticeRevision.find({ practiceId }).sort({ number: -1 }).limit(500).lean()) as PracticeRevisionDoc[];
  return rows.map((r) => ({ number: r.number, title: String(r.snapshot?.title ?? ""), publishedAt: new Date(r.publishedAt).toISOString() }));
}

export async function getRevision(practiceId: Types.ObjectId | string, number: number): Promise<PracticeContent | null> {
  if (!Number.isInteger(number) || number < 1) return null;
  await connectDb();
  const r = (await PracticeRevision.findOne({ practiceId, number }).lean()) as PracticeRevisionDoc | null;
  return r ? contentOf(r.snapshot as ContentSource) : null;
}

/** The latest published revision's content (what the review diff compares against). */
export async function latestRevisionContent(practiceId: Types.ObjectId | string): Promise<PracticeContent | null> {
  await connectDb();
  const r = (await PracticeRevision.findOne({ practiceId }).sort({ number: -1 }).lean()) as PracticeRevisionDoc | null;
  return r ? contentOf(r.snapshot as ContentSource) : null;
}

export interface LastReview {
  action: string;
  comment: string;
  reviewer: string;
  at: string;
  content: PracticeContent;
}

/** The latest review decision with the content it was made on (null before any). */
export async function lastReview(practiceId: Types.ObjectId | string): Promise<LastReview | null> {
  await connectDb();
  const r = (await PracticeReviewSnapshot.findOne({ practiceId }).sort({ reviewedAt: -1, _id: -1 }).lean()) as PracticeReviewSnapshotDoc | null;
  if (!r) return null;
  const reviewer = r.reviewerId ? await User.findById(r.reviewerId).select("displayName").lean() : null;
  return { action: r.action, comment: r.comment, reviewer: reviewer?.displayName ?? "", at: new Date(r.reviewedAt).toISOString(), content: contentOf(r.snapshot as ContentSource) };
}
