// Account flows that go through the member's inbox: password reset and address verification.
// Every answer is the same whether or not an address has an account; the difference only shows
// in the inbox of the address's owner.
import { claimAccountToken, issueAccountToken, peekAccountToken, retireAccountTokens, type TokenProblem } from "./account-token.server";
import { audit } from "./audit.server";
import { connectDb } from "./db.server";
import { enqueueMail } from "./mail-queue.server";
import { hashPassword, passwordProblem } from "./password.server";
import { Session } from "./session.server";

/** Queues a reset link for the account of `email`, if there is one (and it is not disabled). */
export async function requestPasswordReset(email: string, origin: string): Promise<void> {
  await connectDb();
  const { User, normalizeEmail } = await import("./user.server");
  const user = await User.findOne({ email: normalizeEmail(email) }).select("email displayName locale disabledAt").lean();
  if (!user || user.disabledAt) return;
  const { token, id } = await issueAccountToken("reset", user._id);
  await enqueueMail({
    key: `reset:${id}`,
    template: "password-reset",
    to: user.email,
    toName: user.displayName,
    locale: user.locale ?? "en",
    userId: String(user._id),
    params: { link: `${origin}/reset-password/${token}` },
    secret: true,
  });
}

export type ResetResult = { ok: true; userId: string; email: string } | { ok: false; problem: TokenProblem } | { ok: false; field: "newPassword"; error: string };

/** Sets a new password with a reset link: once, within its hour; every session ends, every other
 *  reset link stops working. A password the policy refuses leaves the link usable. */
export async function resetPassword(token: string, next: string): Promise<ResetResult> {
  const peek = await peekAccountToken("reset", token);
  if (!peek.ok) return peek;
  const { User } = await import("./user.server");
  const user = await User.findById(peek.userId).select("email displayName disabledAt").lean();
  if (!user || user.disabledAt) return { ok: false, problem: "invalid" };
  const problem = passwordProblem(next, { email: user.email, displayName: user.displayName });
  if (problem) return { ok: false, field: "newPassword", error: problem };
  if (!(await claimAccountToken("reset", token))) return { ok: false, problem: "used" };
  const passwordHash = await hashPassword(next);
  // Following a reset link proves the address too.
  await User.updateOne({ _id: user._id }, { $set: { passwordHash, passwordChangedAt: new Date() }, $max: { emailVerifiedAt: new Date() } });
  await retireAccountTokens("reset", user._id);
  await Session.deleteMany({ userId: user._id });
  await audit({ actorId: user._id, action: "user.password-reset", subjectType: "user", subjectId: user._id });
  return { ok: true, userId: String(user._id), email: user.email };
}

/** Someone registered with an address that has an account: its owner hears of it (at most three
 *  times an hour), the registering visitor sees the same page as for a new account. */
export async function tellOwnerOfExistingAccount(email: string): Promise<void> {
  const { User, normalizeEmail } = await import("./user.server");
  const { consumeRateLimit } = await import("./rate-limit.server");
  const user = await User.findOne({ email: normalizeEmail(email) }).select("email displayName locale disabledAt").lean();
  if (!user || user.disabledAt) return;
  const hour = 3_600_000;
  if (!(await consumeRateLimit(`account-exists:${user.email}`, 3, hour)).ok) return;
  await enqueueMail({
    key: `exists:${String(user._id)}:${Math.floor(Date.now() / hour)}:${Math.random().toString(36).slice(2, 8)}`,
    template: "account-exists",
    to: user.email,
    toName: user.displayName,
    locale: user.locale ?? "en",
    userId: String(user._id),
  });
}

/** Queues a link that confirms `email` for this account (registration or an email change). */
export async function sendVerification(user: { _id: unknown; email: string; displayName: string; locale?: string | null }, origin: string): Promise<void> {
  const { token, id } = await issueAccountToken("verify", String(user._id), user.email);
  await enqueueMail({
    key: `verify:${id}`,
    template: "verify-email",
    to: user.email,
    toName: user.displayName,
    locale: user.locale ?? "en",
    userId: String(user._id),
    params: { link: `${origin}/verify-email/${token}` },
    secret: true,
  });
}

/** Confirms the address a verification link was sent to (when it is still the account's address). */
export async function verifyEmail(token: string): Promise<{ ok: true; userId: string } | { ok: false; problem: TokenProblem }> {
  const peek = await peekAccountToken("verify", token);
  if (!peek.ok) return peek;
  const { User } = await import("./user.server");
  if (!(await claimAccountToken("verify", token))) return { ok: false, problem: "used" };
  const r = await User.updateOne({ _id: peek.userId, email: peek.email }, { $set: { emailVerifiedAt: new Date() } });
  if (r.matchedCount !== 1) return { ok: false, problem: "invalid" }; // the address changed since
  return { ok: true, userId: String(peek.userId) };
}
