// Sessions live in MongoDB so they can be revoked and shared by several app instances.
import mongoose, { Schema, type Model, Types } from "mongoose";

export { SESSION_IDLE_MS } from "./session-lifetime";

const sessionSchema = new Schema({
  _id: { type: String, required: true }, // sha256 of the random token in the cookie
  userId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
  createdAt: { type: Date, default: () => new Date() },
  lastSeenAt: { type: Date, default: () => new Date() },
  expiresAt: { type: Date, required: true, index: true },
  userAgent: { type: String, default: "" },
});

export interface SessionDoc {
  _id: string;
  userId: Types.ObjectId;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
}
export const Session: Model<SessionDoc> = (mongoose.models.Session as Model<SessionDoc>) ?? mongoose.model<SessionDoc>("Session", sessionSchema);
