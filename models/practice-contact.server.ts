// "Contact the people behind this practice": a signed-in member's message relayed by email to the
// practice's contact person, whose address the hub never shows the sender (unless the contact
// chose to show it). The sender's address is the Reply-To, so an answer goes straight back.
// Limited per sender, logged in the audit trail, one message per form render (idempotency key).
import type { Types } from "mongoose";
import { audit } from "./audit.server";
import { enqueueMail } from "./mail-queue.server";
import { consumeRateLimit } from "./rate-limit.server";

export const CONTACT_MESSAGE_MIN = 20;
export const CONTACT_MESSAGE_MAX = 5000;
const num = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
export const contactLimits = () => ({ perSender: num("HUB_CONTACT_LIMIT", 5), windowMs: num("HUB_CONTACT_WINDOW_MS", 3_600_000) });

export interface ContactablePractice {
  _id: Types.ObjectId;
  slug: string;
  title: string;
  language?: string;
  contact?: { name?: string | null; email?: string | null; public?: boolean | null } | null;
}
export interface ContactSender {
  _id: Types.ObjectId;
  email: string;
  displayName: string;
}

/** Whether the hub relays messages for this practice (it has a contact address it keeps private). */
export const relaysContact = (p: ContactablePractice) => !!p.contact?.email && !p.contact.public;

export type ContactResult = { ok: true } | { ok: false; error: "rateLimited"; minutes: number } | { ok: false; error: "unavailable" };

export async function relayContactMessage(p: ContactablePractice, sender: ContactSender, message: string, key: string, practiceUrl: string): Promise<ContactResult> {
  if (!relaysContact(p)) return { ok: false, error: "unavailable" };
  const l = contactLimits();
  const r = await consumeRateLimit(`contact:${String(sender._id)}`, l.perSender, l.windowMs);
  if (!r.ok) return { ok: false, error: "rateLimited", minutes: Math.max(1, Math.ceil(r.retryAfterMs / 60_000)) };
  const queued = await enqueueMail({
    key: `contact:${String(sender._id)}:${key}`,
    template: "contact",
    to: p.contact!.email!,
    toName: p.contact!.name ?? "",
    locale: p.language ?? "en",
    replyTo: sender.email,
    params: { title: p.title, senderName: sender.displayName, message, url: practiceUrl },
  });
  if (queued) await audit({ actorId: sender._id, action: "practice.contact", subjectType: "practice", subjectId: p._id });
  return { ok: true };
}
