import { Schema } from "mongoose";

/** Rich text as stored: Lexical state (source) + html/text rendered at write time. */
export const richTextSchema = new Schema(
  { state: { type: String, default: "" }, html: { type: String, default: "" }, text: { type: String, default: "" } },
  { _id: false },
);
