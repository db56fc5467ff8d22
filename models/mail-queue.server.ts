// Outgoing mail, queued in MongoDB (decision 042). A request or a duty only inserts a job; the
// mail worker (app/mail/worker.server.ts) renders it in the recipient's language and sends it,
// retrying with backoff, so an SMTP outage delays mail and loses none, and a burst never blocks
// a request. A job's `_id` is its idempotency key (one reset mail per token, one mail per
// notification, one digest per user and period): enqueueing the same key twice sends once.
import mongoose, { Schema, type Model } from "mongoose";
import { connectDb } from "./db.server";
import { isDuplicateKey } from "./ids";
import { scrapeGauge } from "./metrics.server";

export const mailTemplates = ["password-reset", "verify-email", "account-exists", "notification", "digest", "contact"] as const;
export type MailTemplate = (typeof mailTemplates)[number];
const mailStatuses = ["queued", "sending", "sent", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

export interface MailJobDoc {
  _id: string;
  template: MailTemplate;
  /** Recipient address (checked by `safeAddress`), display name, and language. */
  to: string;
  toName: string;
  locale: string;
  userId: string | null;
  /** What the template needs (links, titles, names); removed once sent when it held a secret. */
  params: Record<string, unknown>;
  secret: boolean;
  replyTo: string | null;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lastError: string;
  sentAt: Date | null;
  createdAt: Date;
}

const mailJobSchema = new Schema<MailJobDoc>(
  {
    _id: { type: String, required: true },
    template: { type: String, enum: mailTemplates, required: true },
    to: { type: String, required: true },
    toName: { type: String, default: "" },
    locale: { type: String, default: "en" },
    userId: { type: String, default: null },
    params: { type: Schema.Types.Mixed, default: {} },
    secret: { type: Boolean, default: false },
    replyTo: { type: String, default: null },
    status: { type: String, default: "queued" },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: () => new Date() },
    lockedUntil: { type: Date, default: null },
    lastError: { type: String, default: "" },
    sentAt: { type: Date, default: null },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false, minimize: false },
);
mailJobSchema.index({ status: 1, nextAttemptAt: 1 });
export const MailJob: Model<MailJobDoc> = (mongoose.models.MailJob as Model<MailJobDoc>) ?? mongoose.model<MailJobDoc>("MailJob", mailJobSchema);

/** An address that can go into an SMTP envelope: one mailbox, no control characters, no
 *  display-name syntax, no header folding. Everything else is refused before it is queued. */
export function safeAddress(address: string): boolean {
  return (
    address.length <= 254 &&
    !/[\u0000-\u001f\u007f\s<>(),;:"\\[\]]/.test(address) &&
    /^[^@]+@[^@.]+(\.[^@.]+)+$/.test(address)
  );
}

/** A display name for a header: control characters and quotes out, one line, bounded. */
export function safeDisplayName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f"<>\\]/g, " ").replace(/\s+/g, " ").trim().slice(0, 80);
}

export interface MailInput {
  key: string;
  template: MailTemplate;
  to: string;
  toName?: string;
  locale: string;
  userId?: string | null;
  params?: Record<string, unknown>;
  secret?: boolean;
  replyTo?: string | null;
  /** Send no earlier than this (digests). */
  notBefore?: Date;
}

/** Queues one message; false when the address is unusable or the key was queued before. */
export async function enqueueMail(input: MailInput): Promise<boolean> {
  if (!safeAddress(input.to)) return false;
  if (input.replyTo && !safeAddress(input.replyTo)) return false;
  await connectDb();
  try {
    await MailJob.create({
      _id: input.key,
      template: input.template,
      to: input.to,
      toName: safeDisplayName(input.toName ?? ""),
      locale: input.locale,
      userId: input.userId ?? null,
      params: input.params ?? {},
      secret: input.secret ?? false,
      replyTo: input.replyTo ?? null,
      nextAttemptAt: input.notBefore ?? new Date(),
    });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

const num = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
/** Backoff after a failed attempt: base × 2^(attempts-1), capped; a job gives up after MAX. */
export const mailRetry = () => ({
  baseMs: num("HUB_MAIL_RETRY_BASE_MS", 30_000),
  capMs: num("HUB_MAIL_RETRY_CAP_MS", 3_600_000),
  maxAttempts: num("HUB_MAIL_MAX_ATTEMPTS", 12),
  lockMs: 120_000,
});

export function backoffMs(attempts: number): number {
  const r = mailRetry();
  return Math.min(r.capMs, r.baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Claims the next due job (queued and due, or a claim abandoned by a crashed sender). */
export async function claimMail(now = new Date()): Promise<MailJobDoc | null> {
  await connectDb();
  const lock = new Date(now.getTime() + mailRetry().lockMs);
  const due: Record<string, unknown>[] = [
    { status: "queued", nextAttemptAt: { $lte: now } },
    { status: "sending", lockedUntil: { $lte: now } },
  ];
  for (const filter of due) {
    const job = await MailJob.findOneAndUpdate(filter, { $set: { status: "sending", lockedUntil: lock }, $inc: { attempts: 1 } }, { sort: { nextAttemptAt: 1 }, returnDocument: "after" }).lean<MailJobDoc>();
    if (job) return job;
  }
  return null;
}

export async function markSent(job: MailJobDoc) {
  await MailJob.updateOne(
    { _id: job._id, status: "sending" },
    { $set: { status: "sent", sentAt: new Date(), lockedUntil: null, lastError: "", ...(job.secret ? { params: {} } : {}) } },
  );
}

/** A failed attempt: back to the queue after the backoff, or failed for good after the last try
 *  (or at once when the server refused the message permanently, a 5xx answer). */
export async function markFailed(job: MailJobDoc, error: string, permanent: boolean) {
  const giveUp = permanent || job.attempts >= mailRetry().maxAttempts;
  await MailJob.updateOne(
    { _id: job._id, status: "sending" },
    {
      $set: {
        status: giveUp ? "failed" : "queued",
        lockedUntil: null,
        lastError: error.slice(0, 500),
        nextAttemptAt: new Date(Date.now() + backoffMs(job.attempts)),
        ...(giveUp && job.secret ? { params: {} } : {}),
      },
    },
  );
}

/** Sent and failed jobs are kept a week (for support questions), then removed. */
export async function pruneMail(olderThanMs = 7 * 86_400_000) {
  const before = new Date(Date.now() - olderThanMs);
  await MailJob.deleteMany({ status: { $in: ["sent", "failed"] }, createdAt: { $lt: before } });
}

export async function mailQueueSize(): Promise<number> {
  await connectDb();
  return MailJob.countDocuments({ status: { $in: ["queued", "sending"] } });
}

// Read when /metrics is scraped (cached, see scrapeGauge): one count per status on the
// { status, nextAttemptAt } index.
scrapeGauge("hub_mail_queue_jobs", "Mail jobs in the queue (collection mailjobs), by status.", ["status"], async () => {
  await connectDb();
  return Promise.all(mailStatuses.map(async (status) => [{ status }, await MailJob.countDocuments({ status })] as [{ status: string }, number]));
});
