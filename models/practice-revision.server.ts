// Published revisions of a practice: every publication stores a snapshot of the content, so
// the public page can offer its history and any two revisions can be compared.
import mongoose, { Schema, type Model, Types } from "mongoose";
import { practiceContentFields } from "./practice.server";

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
