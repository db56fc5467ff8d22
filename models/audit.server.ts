// The audit trail: every moderation or workflow decision, never deleted.
import mongoose, { Schema, type Model, Types } from "mongoose";

const auditSchema = new Schema(
  {
    actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    subjectType: { type: String, required: true }, // practice | thread | post | user | space
    subjectId: { type: Schema.Types.ObjectId, required: true },
    action: { type: String, required: true },
    from: { type: String, default: "" },
    to: { type: String, default: "" },
    comment: { type: String, default: "", maxlength: 4000 },
    // The subject's change counter after this change, where the subject keeps one (a user's
    // rolesVersion): orders entries by when their changes applied, which createdAt cannot
    // (two concurrent changes may be audited in the other order).
    seq: { type: Number, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
auditSchema.index({ subjectType: 1, subjectId: 1, createdAt: 1 });

export interface AuditDoc {
  _id: Types.ObjectId;
  actorId: Types.ObjectId | null;
  subjectType: string;
  subjectId: Types.ObjectId;
  action: string;
  from: string;
  to: string;
  comment: string;
  seq?: number | null;
  createdAt: Date;
}
export const AuditEntry: Model<AuditDoc> = (mongoose.models.AuditEntry as Model<AuditDoc>) ?? mongoose.model<AuditDoc>("AuditEntry", auditSchema);

export async function audit(entry: Omit<AuditDoc, "_id" | "createdAt" | "from" | "to" | "comment" | "seq"> & Partial<Pick<AuditDoc, "from" | "to" | "comment" | "seq">>) {
  await AuditEntry.create(entry);
}
