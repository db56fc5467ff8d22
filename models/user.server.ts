import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";

export const roles = ["member", "moderator", "admin"] as const;
export type Role = (typeof roles)[number];

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true, maxlength: 254 },
    displayName: { type: String, required: true, trim: true, maxlength: 80 },
    passwordHash: { type: String, required: true, select: false },
    roles: { type: [String], enum: roles, default: ["member"] },
    organizationId: { type: Schema.Types.ObjectId, ref: "Organization", default: null },
    stakeholderType: { type: String, default: "other" },
    country: { type: String, default: "" },
    bio: { type: String, default: "", maxlength: 1000 },
    postsApproved: { type: Number, default: 0 },
    disabledAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const User: Model<UserDoc> = (mongoose.models.User as Model<UserDoc>) ?? mongoose.model<UserDoc>("User", userSchema);

/** What pages may see of a user: never the hash. */
export interface PublicUser {
  id: string;
  displayName: string;
  roles: Role[];
}
export function toPublicUser(u: Pick<UserDoc, "_id" | "displayName" | "roles">): PublicUser {
  return { id: String(u._id), displayName: u.displayName, roles: (u.roles ?? ["member"]) as Role[] };
}
