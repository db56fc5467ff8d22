// Evidence duties that write: a moderator's "ask for the evaluation", and the background duty
// that asks owners to update practices that may be out of date (models/practice-evidence.ts
// holds the vocabulary and the staleness rule).
import { Types } from "mongoose";
import { audit } from "./audit.server";
import { registerBackgroundWork } from "./background.server";
import { connectDb } from "./db.server";
import { notify } from "./notification.server";
import { reviewStatusOf, workingContent } from "./practice-content";
import { staleAfterDays } from "./practice-evidence";
import { applyTransition } from "./practice-review.server";
import { findPracticeById } from "./practice-store.server";
import { Practice } from "./practice.server";
import { log } from "./log.server";

export type AskEvaluationResult = { ok: true; via: "request-changes" | "notification" } | { ok: false; error: "not-found" | "refused" };

/**
 * Asks the submitter for the evaluation behind the stated evidence level. A submission under
 * review gets it as a changes-requested decision with `comment` (the existing path: audited,
 * review snapshot, notification with the comment); any other practice (published, in changes
 * already…) gets an in-app notification with the comment, and an audit entry.
 */
export async function askForEvaluation(practiceId: string, moderatorId: Types.ObjectId | string, comment: string): Promise<AskEvaluationResult> {
  await connectDb();
  const p = await findPracticeById(practiceId);
  if (!p) return { ok: false, error: "not-found" };
  const status = reviewStatusOf(p);
  if (status === "draft") return { ok: false, error: "not-found" };
  const text = comment.trim().slice(0, 4000);
  if (!text) return { ok: false, error: "refused" };
  if (status === "submitted") {
    const r = await applyTransition(practiceId, "request-changes", { id: moderatorId, as: "moderator" }, text);
    if (r.ok) return { ok: true, via: "request-changes" };
    if (r.error === "not-found") return { ok: false, error: "not-found" };
    // Someone decided in between: fall through to a notification.
  }
  if (status === "rejected") return { ok: false, error: "refused" };
  const c = workingContent(p);
  const url = p.status === "published" ? `/practices/${p.slug}` : `/practices/${p._id}/edit`;
  await notify(p.ownerId, "evaluation-requested", url, { title: c.title, comment: text.slice(0, 500) });
  await audit({
    actorId: new Types.ObjectId(String(moderatorId)),
    subjectType: "practice",
    subjectId: p._id,
    action: "ask-evaluation",
    from: status,
    to: status,
    comment: text,
  });
  return { ok: true, via: "notification" };
}

/**
 * Asks the owner of every published practice whose content is older than the stale age to
 * update it, once per stale period: the claim on `staleNotifiedAt` is one conditional update,
 * so several app instances never notify twice. Returns how many owners were asked.
 */
export async function notifyStalePractices(now = new Date(), days = staleAfterDays(), limit = 500): Promise<number> {
  await connectDb();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const candidates = await Practice.find({
    status: "published",
    $and: [
      { $or: [{ contentUpdatedAt: { $lt: cutoff } }, { contentUpdatedAt: null, publishedAt: { $lt: cutoff } }] },
      { $or: [{ staleNotifiedAt: null }, { staleNotifiedAt: { $lt: cutoff } }] },
    ],
  })
    .select("_id slug title ownerId staleNotifiedAt")
    .limit(limit)
    .lean();
  let asked = 0;
  for (const p of candidates) {
    const last = (p as { staleNotifiedAt?: Date | null }).staleNotifiedAt ?? null;
    if (last && last > cutoff) continue; // asked within this period
    const claim = await Practice.updateOne(
      { _id: p._id, staleNotifiedAt: last },
      { $set: { staleNotifiedAt: now } },
      { timestamps: false },
    );
    if (claim.modifiedCount !== 1) continue;
    try {
      await notify(p.ownerId, "practice-stale", `/practices/${p.slug}`, { title: p.title });
      asked++;
    } catch (e) {
      log.error({ err: e }, "stale practice notification failed");
    }
  }
  return asked;
}

/** The background duty: a minute after start, then every HUB_STALE_CHECK_MS (default 6 hours);
 *  HUB_STALE_DUTY=off disables it. */
export function startStaleDuty() {
  // Off in the test hub (tests run notifyStalePractices themselves, so notification counts of the
  // shared demo accounts stay deterministic).
  if (process.env.HUB_STALE_DUTY === "off") return;
  const every = Math.max(60_000, Number(process.env.HUB_STALE_CHECK_MS) || 6 * 3_600_000);
  const run = () =>
    notifyStalePractices().catch((e) => {
      log.error({ err: e }, "stale practice duty failed");
    });
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, every);
  first.unref?.();
  timer.unref?.();
}
registerBackgroundWork(startStaleDuty);
