// Account forms (zod schemas whose messages are i18n keys in the account namespace) and the
// abuse limits for logging in and registering.
import { z } from "zod";
import { consumeRateLimit, isCountry, isTimeZone, mailCadences, PASSWORD_MAX } from "~/models.server";
import { supportedLanguages } from "~/i18n/config";
import { isStakeholderType } from "../../models/taxonomy";

const text = (max: number, required = true) => {
  const s = z.string({ invalid_type_error: "errors.invalid" }).trim().max(max, "errors.tooLong");
  return required ? s.min(1, "errors.required") : s;
};

export const email = z
  .string({ invalid_type_error: "errors.invalid" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .email("errors.emailInvalid")
  .transform((v) => v.toLowerCase());

const secret = (max = PASSWORD_MAX) => z.string({ invalid_type_error: "errors.invalid" }).min(1, "errors.required").max(max, "errors.passwordTooLong");
const stakeholder = z.string().refine(isStakeholderType, "errors.choose");
const country = z.string().refine((c) => isCountry(c), "errors.choose");

export const loginSchema = z.object({
  email: z.string().trim().min(1, "errors.required").max(254, "errors.tooLong").transform((v) => v.toLowerCase()),
  password: z.string().min(1, "errors.required").max(1000, "errors.passwordTooLong"),
  redirectTo: z.string().max(2000).optional().default("/"),
});

export const registerSchema = z.object({
  displayName: text(80),
  email,
  password: secret(),
  organization: text(200),
  stakeholderType: stakeholder,
  country,
});

export const profileSchema = z.object({
  displayName: text(80),
  organization: text(200, false),
  stakeholderType: stakeholder,
  country: z.string().refine((c) => c === "" || isCountry(c), "errors.choose"),
  bio: text(1000, false),
});

export const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, "errors.required").max(1000, "errors.passwordTooLong"),
    newPassword: secret(),
    confirmPassword: z.string().max(1000, "errors.passwordTooLong"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });

export const forgotSchema = z.object({ email });

const cadence = z.enum(mailCadences, { errorMap: () => ({ message: "errors.choose" }) });
export const mailSettingsSchema = z.object({
  locale: z.enum(supportedLanguages, { errorMap: () => ({ message: "errors.choose" }) }),
  timeZone: z.string().refine(isTimeZone, "errors.choose"),
  digestHour: z.coerce.number({ invalid_type_error: "errors.choose" }).int("errors.choose").min(0, "errors.choose").max(23, "errors.choose"),
  decisions: cadence,
  mentions: cadence,
  replies: cadence,
  follows: cadence,
  // Shown to moderators only; members keep the default.
  moderation: z.preprocess((v) => (v === "" ? undefined : v), cadence.optional()),
});

export const resetSchema = z
  .object({
    newPassword: secret(),
    confirmPassword: z.string().max(1000, "errors.passwordTooLong"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });

// ---- Abuse limits (configurable for tests and deployments) ------------------------------
const num = (name: string, fallback: number) => {
  const n = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
export const limits = () => ({
  loginPerAccount: num("HUB_LOGIN_LIMIT", 10),
  loginPerIp: num("HUB_LOGIN_IP_LIMIT", 50),
  loginWindowMs: num("HUB_LOGIN_WINDOW_MS", 15 * 60_000),
  registerPerIp: num("HUB_REGISTER_LIMIT", 20),
  registerWindowMs: num("HUB_REGISTER_WINDOW_MS", 60 * 60_000),
  passwordChangePerAccount: num("HUB_PASSWORD_CHANGE_LIMIT", 5),
  resetPerIp: num("HUB_RESET_IP_LIMIT", 20),
  resetPerAccount: num("HUB_RESET_LIMIT", 3),
  resetWindowMs: num("HUB_RESET_WINDOW_MS", 60 * 60_000),
});

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

export type LoginGate = { ok: true; attempt: number } | { ok: false; why: "ip" | "account"; minutes: number };

/**
 * Counts this attempt BEFORE the password is checked (atomically: parallel attempts each take a
 * number), per IP and per account. Over the IP's limit: wait. Over the account's limit: its
 * password no longer opens it for the rest of the window, from anywhere; its owner gets in at
 * once with a reset link (a reset clears the count). A successful login clears the account's count.
 */
export async function gateLogin(ip: string, email: string): Promise<LoginGate> {
  const l = limits();
  const byIp = await consumeRateLimit(`login-ip:${ip}`, l.loginPerIp, l.loginWindowMs);
  if (!byIp.ok) return { ok: false, why: "ip", minutes: minutes(byIp.retryAfterMs) };
  const byAccount = await consumeRateLimit(`login-acct:${email}`, l.loginPerAccount, l.loginWindowMs);
  if (!byAccount.ok) return { ok: false, why: "account", minutes: minutes(byAccount.retryAfterMs) };
  return { ok: true, attempt: byAccount.count };
}

/** After a failed attempt: the answer slows down from the fourth attempt on (1 s more each, at
 *  most 5 s), so guessing is slow without locking anyone out. */
export function failedLoginDelay(attempt: number): Promise<void> {
  const ms = Math.min(5000, Math.max(0, attempt - 3) * 1000) * (Number(process.env.HUB_LOGIN_SLOWDOWN ?? "1") || 0);
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/** Attempts at the current password on /me/password: counted before the check. */
export async function gatePasswordChange(userId: string): Promise<number> {
  const l = limits();
  const r = await consumeRateLimit(`password-change:${userId}`, l.passwordChangePerAccount, l.loginWindowMs);
  return r.ok ? 0 : minutes(r.retryAfterMs);
}

/** Counts one registration attempt from an IP; minutes to wait when over the limit, else 0. */
export async function registrationLockedFor(ip: string): Promise<number> {
  const l = limits();
  const r = await consumeRateLimit(`register-ip:${ip}`, l.registerPerIp, l.registerWindowMs);
  return r.ok ? 0 : minutes(r.retryAfterMs);
}

/** A reset request: counted per IP (over the limit: minutes to wait, told openly) and per
 *  address (over the limit: no more mail this hour, told to no one, so the page does not reveal
 *  which addresses have accounts and an inbox cannot be flooded). */
export async function resetRequestAllowed(ip: string, email: string): Promise<{ wait: number; send: boolean }> {
  const l = limits();
  const byIp = await consumeRateLimit(`reset-ip:${ip}`, l.resetPerIp, l.resetWindowMs);
  if (!byIp.ok) return { wait: minutes(byIp.retryAfterMs), send: false };
  const byAccount = await consumeRateLimit(`reset-acct:${email}`, l.resetPerAccount, l.resetWindowMs);
  return { wait: 0, send: byAccount.ok };
}
