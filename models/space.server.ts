import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";

const spaceSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true, maxlength: 200 },
    description: { type: String, default: "", maxlength: 2000 },
    audience: { type: String, default: "", maxlength: 500 },
    languages: { type: [String], default: ["en"] },
    opensAt: { type: Date, default: null },
    closesAt: { type: Date, default: null },
    moderatorIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Hold a newly registered member's first posts for moderation. */
    holdFirstPosts: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export type SpaceDoc = InferSchemaType<typeof spaceSchema> & { _id: Types.ObjectId };
export const Space: Model<SpaceDoc> = (mongoose.models.Space as Model<SpaceDoc>) ?? mongoose.model<SpaceDoc>("Space", spaceSchema);

export function spaceIsOpen(s: Pick<SpaceDoc, "opensAt" | "closesAt">, now = new Date()): boolean {
  if (s.opensAt && s.opensAt > now) return false;
  if (s.closesAt && s.closesAt < now) return false;
  return true;
}
