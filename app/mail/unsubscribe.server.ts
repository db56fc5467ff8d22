// One-click unsubscribe links: signed with the session secret, so they work without logging in
// and stop exactly the categories they name for exactly one member (decision 042).
import { createHmac, timingSafeEqual } from "node:crypto";
import { isMailCategory, type MailCategory } from "../../models/mail-preferences";

const secret = () => process.env.SESSION_SECRET ?? "dev-only-session-secret-change-me";
const sign = (userId: string, categories: readonly string[]) =>
  createHmac("sha256", secret()).update(`unsubscribe\u0000${userId}\u0000${categories.join(",")}`).digest("base64url");

export function unsubscribeUrl(userId: string, categories: readonly MailCategory[], origin: string): string {
  const q = new URLSearchParams({ u: userId, c: categories.join(","), s: sign(userId, categories) });
  return `${origin}/unsubscribe?${q.toString()}`;
}

/** The member and categories a link names, or null when it was not issued by this hub. */
export function verifyUnsubscribe(params: URLSearchParams): { userId: string; categories: MailCategory[] } | null {
  const userId = params.get("u") ?? "";
  const raw = params.get("c") ?? "";
  const sig = params.get("s") ?? "";
  if (!/^[a-f0-9]{24}$/.test(userId) || raw.length > 100 || sig.length > 100) return null;
  const categories = raw.split(",");
  if (!categories.length || !categories.every(isMailCategory)) return null;
  const expected = Buffer.from(sign(userId, categories));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId, categories: categories as MailCategory[] };
}
