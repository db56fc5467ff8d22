// Reading the embedded Mailpit's inbox through its API (what `npm test` starts when SMTP_URL is
// unset), and stopping or starting it for the outage tests.
import type { Service } from "./faults";

export const MAILPIT = (process.env.MAILPIT_URL ?? "http://127.0.0.1:1126").replace(/\/$/, "");

export interface MailSummary {
  ID: string;
  Subject: string;
  To: { Name: string; Address: string }[];
  Created: string;
}
export interface MailMessage extends MailSummary {
  Text: string;
  HTML: string;
  ReplyTo: { Name: string; Address: string }[];
  From: { Name: string; Address: string };
}

export const mailService: Service = {
  name: "mail",
  up: async () => {
    try {
      return (await fetch(`${MAILPIT}/api/v1/info`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  },
};

/** Every message to an address, oldest first. */
export async function mailTo(address: string): Promise<MailSummary[]> {
  const q = new URLSearchParams({ query: `to:"${address}"`, limit: "500" });
  const res = await fetch(`${MAILPIT}/api/v1/search?${q}`);
  if (!res.ok) throw new Error(`Mailpit search: ${res.status}`);
  const body = (await res.json()) as { messages: MailSummary[] };
  return body.messages.filter((m) => m.To.some((t) => t.Address.toLowerCase() === address.toLowerCase())).reverse();
}

export async function mailMessage(id: string): Promise<MailMessage> {
  const res = await fetch(`${MAILPIT}/api/v1/message/${id}`);
  if (!res.ok) throw new Error(`Mailpit message: ${res.status}`);
  return (await res.json()) as MailMessage;
}

export async function mailHeaders(id: string): Promise<Record<string, string[]>> {
  const res = await fetch(`${MAILPIT}/api/v1/message/${id}/headers`);
  return (await res.json()) as Record<string, string[]>;
}

/** Waits until at least `count` messages reached the address; returns them (oldest first). */
export async function waitForMail(address: string, count = 1, ms = 20_000): Promise<MailSummary[]> {
  const end = Date.now() + ms;
  let last: MailSummary[] = [];
  while (Date.now() < end) {
    last = await mailTo(address);
    if (last.length >= count) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`expected ${count} message(s) to ${address}, got ${last.length}`);
}

/** The first link in a message's text that starts with `prefix` (a path on the hub). */
export function linkIn(text: string, prefix: string): string {
  const m = text.match(new RegExp(`https?://[^\\s]+${prefix.replace(/[/.?]/g, "\\$&")}[^\\s]*`));
  if (!m) throw new Error(`no ${prefix} link in: ${text.slice(0, 500)}`);
  return m[0];
}

/** Waits for a message to the address whose subject matches; returns it. */
export async function waitForSubject(address: string, subject: RegExp, ms = 20_000): Promise<MailSummary> {
  const end = Date.now() + ms;
  let last: MailSummary[] = [];
  while (Date.now() < end) {
    last = await mailTo(address);
    const hit = last.find((m) => subject.test(m.Subject));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no message to ${address} with a subject like ${subject}; got: ${last.map((m) => m.Subject).join(" | ")}`);
}
