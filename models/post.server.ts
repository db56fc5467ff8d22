// Replies in a thread.
import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";
import { richTextSchema } from "./rich-text/schema.server";

const postSchema = new Schema(
  {
    threadId: { type: Schema.Types.ObjectId, ref: "Thread", required: true },
    authorId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
    body: { type: richTextSchema, default: () => ({}) },
    quoteOf: { type: Schema.Types.ObjectId, ref: "Post", default: null },
    hidden: { type: Boolean, default: false },
    held: { type: Boolean, default: false },
    deletedAt: { type: Date, default: null },
    editedAt: { type: Date, default: null },
    history: { type: [new Schema({ body: richTextSchema, editedAt: Date }, { _id: false })], default: [], select: false },
  },
  { timestamps: true },
);
postSchema.index({ threadId: 1, createdAt: 1 });

export type PostDoc = InferSchemaType<typeof postSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Post: Model<PostDoc> = (mongoose.models.Post as Model<PostDoc>) ?? mongoose.model<PostDoc>("Post", postSchema);
