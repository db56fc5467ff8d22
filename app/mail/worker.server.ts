// The mail worker: claims due jobs from the queue one at a time, renders them, sends them over
// SMTP (nodemailer), and records the outcome. Runs in every app process (claims are atomic, so
// several instances share the queue); also runs the digest duty (models/mail-digest.server.ts).
import nodemailer, { type Transporter } from "nodemailer";
import { claimMail, markFailed, markSent, pruneMail, type MailJobDoc } from "../../models/mail-queue.server";
import { runDigests } from "../../models/mail-digest.server";
import { log } from "../../models/log.server";
import { routeNotificationMail } from "../../models/notification-mail.server";
import { renderMail } from "./render.server";

let transport: Transporter | null = null;
function mailTransport(): Transporter {
  if (!transport) {
    // An smtp:// or smtps:// URL; timeouts as query options would be lost, so they are set here.
    const url = new URL(process.env.SMTP_URL ?? "smtp://127.0.0.1:1025");
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 20_000,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }
  return transport;
}

/** MAIL_FROM, e.g. `Migration Practice Hub <hub@example.org>`. */
const mailFrom = () => process.env.MAIL_FROM?.trim() || "Migration Practice Hub <no-reply@hub.localhost>";

async function send(job: MailJobDoc) {
  const m = renderMail(job);
  await mailTransport().sendMail({
    from: mailFrom(),
    to: job.toName ? { name: job.toName, address: job.to } : job.to,
    replyTo: job.replyTo ?? undefined,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: m.headers,
    // The same job keeps the same Message-ID across retries, so a receiving server can tell a
    // retry after a lost acknowledgement from a new message.
    messageId: `<${Buffer.from(job._id).toString("base64url")}@migration-practice-hub>`,
  });
}

/** Sends every due job; returns how many were sent. */
export async function drainMailQueue(limit = 100): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const job = await claimMail();
    if (!job) break;
    try {
      await send(job);
      await markSent(job);
      sent++;
    } catch (e) {
      const err = e as { responseCode?: number; message?: string; code?: string };
      // A 5xx answer is the server refusing this message for good; anything else (connection
      // refused, timeout, 4xx) is tried again later.
      const permanent = typeof err.responseCode === "number" && err.responseCode >= 500 && err.responseCode < 600;
      await markFailed(job, `${err.code ?? ""} ${err.message ?? String(e)}`.trim(), permanent);
      if (!permanent) break; // the server is unwell: wait for the next tick
    }
  }
  return sent;
}

const num = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

let stopWorker: (() => Promise<void>) | null = null;

export function startMailWorker() {
  if (stopWorker || process.env.HUB_MAIL_WORKER === "off") return;
  const every = num("HUB_MAIL_INTERVAL_MS", 1000);
  const digestEvery = num("HUB_DIGEST_INTERVAL_MS", 5 * 60_000);
  let busy: Promise<void> | null = null;
  let lastDigest = 0;
  let lastPrune = 0;
  const tick = () => {
    if (!busy) busy = work().finally(() => (busy = null));
  };
  const work = async () => {
    try {
      const now = Date.now();
      if (now - lastDigest >= digestEvery) {
        lastDigest = now;
        await runDigests(new Date(now));
      }
      await routeNotificationMail();
      await drainMailQueue();
      if (now - lastPrune >= 3_600_000) {
        lastPrune = now;
        await pruneMail();
      }
    } catch (e) {
      log.error({ component: "mail", err: e }, "mail worker failed, retrying on the next tick");
    }
  };
  const timer = setInterval(tick, every);
  timer.unref?.();
  stopWorker = async () => {
    clearInterval(timer);
    await busy;
  };
}

/** Stops the mail worker after its current tick (a job claimed but not sent when the process
 *  dies is claimed again once its lock expires). */
export async function stopMailWorker() {
  const stop = stopWorker;
  stopWorker = null;
  await stop?.();
}
