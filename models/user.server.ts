import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";
import { isObjectId } from "./ids";
import { audit, AuditEntry } from "./audit.server";
import { connectDb } from "./db.server";
import { findOrCreateOrganization, Organization } from "./organization.server";
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from "./password.server";
import { Practice } from "./practice.server";
import { Thread } from "./thread.server";
import { mailPrefsOf, type MailCategory, type MailPrefs } from "./mail-preferences";
import { forgetName } from "./user-name-cache";
import { displayNames } from "./user-names.server";

export const roles = ["member", "moderator", "admin"] as const;
export type Role = (typeof roles)[number];

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true, maxlength: 254 },
    displayName: { type: String, required: true, trim: true, maxlength: 80 },
    passwordHash: { type: String, required: true, select: false },
    roles: { type: [String], enum: roles, default: ["member"] },
    /** Counts role changes (setRole): their audit entries carry it, in the order they applied. */
    rolesVersion: { type: Number, default: 0 },
    organizationId: { type: Schema.Types.ObjectId, ref: "Organization", default: null },
    /** "Show me on my organization's page" (models/organization-directory.server.ts). */
    listedOnOrganization: { type: Boolean, default: false },
    stakeholderType: { type: String, default: "other" },
    country: { type: String, default: "" },
    bio: { type: String, default: "", maxlength: 1000 },
    postsApproved: { type: Number, default: 0 },
    disabledAt: { type: Date, default: null },
    passwordChangedAt: { type: Date, default: null },
    /** When the address was confirmed by a link sent to it (null: not yet; see decision 042). */
    emailVerifiedAt: { type: Date, default: null },
    /** Email: the language mail is written in, what to send per category (models/mail-preferences),
     *  the time zone and hour digests go out at, and when each digest last covered up to. */
    locale: { type: String, default: "en" },
    mailPrefs: { type: Schema.Types.Mixed, default: () => ({}) },
    timeZone: { type: String, default: "UTC" },
    digestHour: { type: Number, default: 8, min: 0, max: 23 },
    digestSentAt: { type: Schema.Types.Mixed, default: () => ({}) },
    /** Unread in-app notifications, the header's badge: `$inc`ed as they come and are read,
     *  recounted by models/notification-counts.server.ts (decision 058). Absent on accounts
     *  stored before it existed, until that recount. */
    unreadNotifications: { type: Number, default: 0 },
  },
  { timestamps: true },
);

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
// The admin's list of accounts, newest first: one page of this index (decision 059).
userSchema.index({ createdAt: -1, _id: -1 });

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

export const isRole = (r: unknown): r is Role => typeof r === "string" && (roles as readonly string[]).includes(r);

/** Lower-cased, trimmed email: the key accounts are found by. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Checks an email + password. Unknown email and wrong password take the same time and give
 * the same answer (null), so the response does not reveal which accounts exist.
 */
export async function authenticate(email: string, password: string): Promise<UserDoc | null> {
  await connectDb();
  const user = await User.findOne({ email: normalizeEmail(email) }).select("+passwordHash").lean();
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) return null;
  const { passwordHash: _hash, ...rest } = user;
  return rest as unknown as UserDoc;
}

export interface RegistrationInput {
  email: string;
  displayName: string;
  password: string;
  organization: string;
  stakeholderType: string;
  country: string;
  /** The language the member registered in: their emails are written in it. */
  locale?: string;
}

export type RegistrationResult = { ok: true; user: UserDoc } | { ok: false; field: keyof RegistrationInput; error: string };

/** Creates a member account (and the organization it joins, when new). */
export async function registerUser(input: RegistrationInput): Promise<RegistrationResult> {
  await connectDb();
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, { email, displayName: input.displayName });
  if (problem) return { ok: false, field: "password", error: problem };
  if (await User.exists({ email })) {
    await hashPassword(input.password); // the same work as a new account: timing does not tell
    return { ok: false, field: "email", error: "errors.emailTaken" };
  }
  const org = input.organization ? await findOrCreateOrganization(input.organization, { type: input.stakeholderType, country: input.country }) : null;
  try {
    const user = await User.create({
      email,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(input.password),
      roles: ["member"],
      organizationId: org?._id ?? null,
      stakeholderType: input.stakeholderType,
      country: input.country,
      locale: input.locale ?? "en",
    });
    const { passwordHash: _hash, ...plain } = user.toObject() as UserDoc;
    return { ok: true, user: plain as unknown as UserDoc };
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return { ok: false, field: "email", error: "errors.emailTaken" };
    throw e;
  }
}

export type PasswordChangeResult = { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; error: string };

export async function changePassword(userId: string, current: string, next: string): Promise<PasswordChangeResult> {
  await connectDb();
  const user = await User.findById(userId).select("+passwordHash").lean();
  if (!user || !(await verifyPassword(current, user.passwordHash))) return { ok: false, field: "currentPassword", error: "errors.currentPasswordWrong" };
  const problem = passwordProblem(next, { email: user.email, displayName: user.displayName });
  if (problem) return { ok: false, field: "newPassword", error: problem };
  if (await verifyPassword(next, user.passwordHash)) return { ok: false, field: "newPassword", error: "errors.passwordSame" };
  await User.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(next), passwordChangedAt: new Date() } });
  return { ok: true };
}

export interface ProfileInput {
  displayName: string;
  organization: string;
  stakeholderType: string;
  country: string;
  bio: string;
}

export async function updateProfile(userId: string, input: ProfileInput) {
  await connectDb();
  const org = input.organization ? await findOrCreateOrganization(input.organization, { type: input.stakeholderType, country: input.country }) : null;
  await User.updateOne(
    { _id: userId },
    {
      $set: {
        displayName: input.displayName.trim(),
        organizationId: org?._id ?? null,
        stakeholderType: input.stakeholderType,
        country: input.country,
        bio: input.bio,
      },
    },
  );
  forgetName(userId);
}

/** A user's own profile, for the edit form. */
export async function profileOf(userId: string) {
  await connectDb();
  const user = await User.findById(userId).lean();
  if (!user) return null;
  const org = user.organizationId ? await Organization.findById(user.organizationId).lean() : null;
  return {
    id: String(user._id),
    email: user.email,
    displayName: user.displayName,
    organization: org?.name ?? "",
    stakeholderType: user.stakeholderType ?? "other",
    country: user.country ?? "",
    bio: user.bio ?? "",
    roles: (user.roles ?? ["member"]) as Role[],
    emailVerified: !!user.emailVerifiedAt,
    mail: {
      locale: user.locale ?? "en",
      prefs: mailPrefsOf(user.mailPrefs as Record<string, unknown>),
      timeZone: user.timeZone ?? "UTC",
      digestHour: user.digestHour ?? 8,
    },
  };
}

export interface MailSettingsInput {
  locale: string;
  prefs: MailPrefs;
  timeZone: string;
  digestHour: number;
}

/** Saves what a member receives by email, in which language and when digests go out. */
export async function updateMailSettings(userId: string, input: MailSettingsInput) {
  await connectDb();
  await User.updateOne({ _id: userId }, { $set: { locale: input.locale, mailPrefs: input.prefs, timeZone: input.timeZone, digestHour: input.digestHour } });
}

/** One-click unsubscribe: these categories become "never" (the others stay as they are). */
export async function unsubscribeMail(userId: string, categories: readonly MailCategory[]) {
  await connectDb();
  const $set: Record<string, string> = {};
  for (const c of categories) $set[`mailPrefs.${c}`] = "never";
  const r = await User.updateOne({ _id: userId }, { $set });
  return r.matchedCount === 1;
}

/** What anyone may see about a member: their name, organization, published practices and visible threads. */
export async function publicProfile(id: string) {
  if (!isObjectId(id) || id !== id.toLowerCase()) return null;
  await connectDb();
  const user = await User.findById(id).lean();
  if (!user || user.disabledAt || user.email.endsWith("@hub.invalid")) return null;
  const [org, practices, threads] = await Promise.all([
    user.organizationId ? Organization.findById(user.organizationId).lean() : null,
    Practice.find({ ownerId: user._id, status: "published" }).sort({ publishedAt: -1 }).limit(100).select("slug title language publishedAt").lean(),
    Thread.find({ authorId: user._id, hidden: { $ne: true }, held: { $ne: true }, deletedAt: null })
      .sort({ lastPostAt: -1 })
      .limit(100)
      .select("title language lastPostAt replyCount")
      .lean(),
  ]);
  return {
    id: String(user._id),
    displayName: user.displayName,
    organization: org?.name ?? "",
    organizationSlug: (org as { slug?: string } | null)?.slug ?? "",
    stakeholderType: user.stakeholderType ?? "other",
    country: user.country ?? "",
    bio: user.bio ?? "",
    roles: (user.roles ?? ["member"]) as Role[],
    memberSince: (user as unknown as { createdAt?: Date }).createdAt?.toISOString() ?? null,
    practices: practices.map((p) => ({ slug: p.slug, title: p.title, language: p.language, publishedAt: p.publishedAt?.toISOString() ?? null })),
    threads: threads.map((t) => ({ id: String(t._id), title: t.title, language: t.language, lastPostAt: t.lastPostAt?.toISOString() ?? null, replyCount: t.replyCount ?? 0 })),
  };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Users for the admin list, newest first; `q` matches name or email (literally, not as a pattern). */
export async function listUsers(opts: { q?: string; role?: Role | ""; page: number; perPage: number }) {
  await connectDb();
  const filter: Record<string, unknown> = {};
  if (opts.q) {
    const re = new RegExp(escapeRegex(opts.q), "i");
    filter.$or = [{ email: re }, { displayName: re }];
  }
  if (opts.role) filter.roles = opts.role;
  const [total, users] = await Promise.all([
    // a whole collection's count is the store's own (no scan on FerretDB, decision 051)
    Object.keys(filter).length ? User.countDocuments(filter) : User.estimatedDocumentCount(),
    User.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((opts.page - 1) * opts.perPage)
      .limit(opts.perPage)
      .select("email displayName roles createdAt disabledAt")
      .lean(),
  ]);
  return {
    total,
    users: users.map((u) => ({
      id: String(u._id),
      email: u.email,
      displayName: u.displayName,
      roles: (u.roles ?? ["member"]) as Role[],
      createdAt: (u as unknown as { createdAt?: Date }).createdAt?.toISOString() ?? null,
    })),
  };
}

export type RoleChangeResult = { ok: true; changed: boolean } | { ok: false; error: string };

/**
 * Grants or revokes the moderator or admin role, with an audit entry. An admin cannot remove
 * their own admin role (so the hub always keeps at least the admin who acts).
 */
export async function setRole(actorId: string, targetId: string, role: "moderator" | "admin", grant: boolean): Promise<RoleChangeResult> {
  await connectDb();
  if (!isObjectId(targetId)) return { ok: false, error: "admin.errors.noSuchUser" };
  if (!grant && role === "admin" && String(actorId) === String(targetId)) return { ok: false, error: "admin.errors.ownAdmin" };
  // One atomic operator update on the role alone, conditional on it being absent (grant) or
  // present (revoke): a concurrent change of another role is never overwritten, and of two
  // identical changes at once exactly one applies and is audited.
  const id = new Types.ObjectId(targetId);
  // The document as this update left it (not as a later read finds it), with its change number.
  const target = await User.findOneAndUpdate(
    grant ? { _id: id, roles: { $ne: role } } : { _id: id, roles: role },
    grant ? { $addToSet: { roles: { $each: ["member", role] } }, $inc: { rolesVersion: 1 } } : { $pull: { roles: role }, $inc: { rolesVersion: 1 } },
    { new: true },
  )
    .select("roles rolesVersion")
    .lean();
  if (!target) return (await User.exists({ _id: id })) ? { ok: true, changed: false } : { ok: false, error: "admin.errors.noSuchUser" };
  const after = (target.roles ?? ["member"]) as Role[];
  const before = grant ? after.filter((r) => r !== role) : [...after, role];
  await audit({
    actorId: new Types.ObjectId(actorId),
    subjectType: "user",
    subjectId: target._id,
    action: grant ? "role.grant" : "role.revoke",
    from: before.join(","),
    to: after.join(","),
    seq: (target as { rolesVersion?: number }).rolesVersion ?? null,
  });
  return { ok: true, changed: true };
}

/** Numbers and recent role changes for the admin overview. */
export async function adminOverview() {
  await connectDb();
  const [users, moderators, admins, published, submitted, threads, recent] = await Promise.all([
    User.estimatedDocumentCount(),
    User.countDocuments({ roles: "moderator" }),
    User.countDocuments({ roles: "admin" }),
    Practice.countDocuments({ status: "published" }),
    Practice.countDocuments({ status: "submitted" }),
    Thread.countDocuments({ deletedAt: null }),
    AuditEntry.find({ subjectType: "user" }).sort({ createdAt: -1 }).limit(10).lean(),
  ]);
  const names = await displayNames(recent.flatMap((a) => [a.actorId, a.subjectId]));
  return {
    counts: { users, moderators, admins, published, submitted, threads },
    recent: recent.map((a) => ({
      id: String(a._id),
      action: a.action,
      actor: a.actorId ? names.get(String(a.actorId)) ?? "" : "",
      subject: names.get(String(a.subjectId)) ?? "",
      subjectId: String(a.subjectId),
      from: a.from,
      to: a.to,
      at: a.createdAt.toISOString(),
    })),
  };
}
