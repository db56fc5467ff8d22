// Single-use tokens sent by email: password reset (one hour) and address verification (48 hours).
// Only the SHA-256 of a token is stored; using one is an atomic claim (`usedAt` set where it was
// null), so a link works once even when it is opened twice at the same moment.
import { createHash, randomBytes } from "node:crypto";
import mongoose, { Schema, type Model, Types } from "mongoose";
import { connectDb } from "./db.server";

export type TokenPurpose = "reset" | "verify";
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = { reset: 3_600_000, verify: 48 * 3_600_000 };

interface AccountTokenDoc {
  _id: string; // sha256 hex of the token
  purpose: TokenPurpose;
  userId: Types.ObjectId;
  /** The address a verification token confirms (an email change confirms the new one). */
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}
const accountTokenSchema = new Schema<AccountTokenDoc>(
  {
    _id: { type: String, required: true },
    purpose: { type: String, enum: ["reset", "verify"], required: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    email: { type: String, default: "" },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
export const AccountToken: Model<AccountTokenDoc> =
  (mongoose.models.AccountToken as Model<AccountTokenDoc>) ?? mongoose.model<AccountTokenDoc>("AccountToken", accountTokenSchema);

export const hashAccountToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** Tokens as the hub issues them: 32 random bytes, base64url (43 characters). */
export const isAccountTokenShape = (s: unknown): s is string => typeof s === "string" && /^[A-Za-z0-9_-]{43}$/.test(s);

export async function issueAccountToken(purpose: TokenPurpose, userId: Types.ObjectId | string, email = ""): Promise<{ token: string; id: string }> {
  await connectDb();
  const token = randomBytes(32).toString("base64url");
  const id = hashAccountToken(token);
  await AccountToken.create({ _id: id, purpose, userId, email, expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]) });
  return { token, id };
}

export type TokenProblem = "invalid" | "expired" | "used";

/** What a token names, without using it (the reset form shows only for a usable link). */
export async function peekAccountToken(purpose: TokenPurpose, token: string): Promise<{ ok: true; userId: Types.ObjectId; email: string } | { ok: false; problem: TokenProblem }> {
  if (!isAccountTokenShape(token)) return { ok: false, problem: "invalid" };
  await connectDb();
  const doc = await AccountToken.findById(hashAccountToken(token)).lean();
  if (!doc || doc.purpose !== purpose) return { ok: false, problem: "invalid" };
  if (doc.usedAt) return { ok: false, problem: "used" };
  if (doc.expiresAt.getTime() <= Date.now()) return { ok: false, problem: "expired" };
  return { ok: true, userId: doc.userId, email: doc.email };
}

/** Uses a token: true for exactly one caller while it is valid. */
export async function claimAccountToken(purpose: TokenPurpose, token: string): Promise<boolean> {
  if (!isAccountTokenShape(token)) return false;
  const r = await AccountToken.updateOne(
    { _id: hashAccountToken(token), purpose, usedAt: null, expiresAt: { $gt: new Date() } },
    { $set: { usedAt: new Date() } },
  );
  return r.modifiedCount === 1;
}

/** Every other open token of a user for a purpose stops working (after a reset, an older link). */
export async function retireAccountTokens(purpose: TokenPurpose, userId: Types.ObjectId | string) {
  await AccountToken.updateMany({ purpose, userId, usedAt: null }, { $set: { usedAt: new Date() } });
}
