import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";
import { richTextSchema } from "./rich-text/schema.server";

const threadSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, ref: "Space", required: true, index: true },
    authorId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    body: { type: richTextSchema, default: () => ({}) },
    language: { type: String, default: "en" },
    objectives: { type: [Number], default: [] },
    region: { type: String, default: "global" },
    practiceIds: { type: [Schema.Types.ObjectId], default: [] },
    pinned: { type: Boolean, default: false },
    locked: { type: Boolean, default: false },
    hidden: { type: Boolean, default: false },
    held: { type: Boolean, default: false },
    deletedAt: { type: Date, default: null },
    editedAt: { type: Date, default: null },
    history: { type: [new Schema({ title: String, body: richTextSchema, editedAt: Date }, { _id: false })], default: [], select: false },
    replyCount: { type: Number, default: 0 },
    lastPostAt: { type: Date, default: () => new Date() },
    version: { type: Number, default: 1 },
  },
  { timestamps: true },
);
threadSchema.index({ spaceId: 1, pinned: -1, lastPostAt: -1 });
threadSchema.index({ lastPostAt: -1 });
threadSchema.index({ practiceIds: 1 }); // the discussions of a practice, on its page

export type ThreadDoc = InferSchemaType<typeof threadSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Thread: Model<ThreadDoc> = (mongoose.models.Thread as Model<ThreadDoc>) ?? mongoose.model<ThreadDoc>("Thread", threadSchema);

/** Whether the public may see a thread. */
export const threadVisible = (t: Pick<ThreadDoc, "hidden" | "held" | "deletedAt">) => !t.hidden && !t.held && !t.deletedAt;
