// How often a member may post (a rate limit per member) and when a new member's posts wait
// for a moderator (first posts held in spaces that ask for it).
import { consumeRateLimit } from "./rate-limit.server";
import type { SpaceDoc } from "./space.server";
import { isSpaceModerator } from "./thread-rules";
import { DiscussionError, type DiscussionActor } from "./discussion.server";

export function postRateLimit() {
  const limit = Number(process.env.HUB_POST_RATE_LIMIT ?? "20");
  const windowMs = Number(process.env.HUB_POST_RATE_WINDOW_MS ?? String(10 * 60_000));
  return { limit: Number.isFinite(limit) && limit > 0 ? limit : 20, windowMs: Number.isFinite(windowMs) && windowMs > 0 ? windowMs : 600_000 };
}

export const postRateKey = (userId: string) => `post:${userId}`;

export async function checkRate(actor: DiscussionActor) {
  const { limit, windowMs } = postRateLimit();
  const r = await consumeRateLimit(postRateKey(actor.id), limit, windowMs);
  if (!r.ok) throw new DiscussionError("rate-limited", r.retryAfterMs);
}

/** How many approved posts a member needs before their posts skip the hold. */
export function holdThreshold() {
  const n = Number(process.env.HUB_HOLD_FIRST_POSTS ?? "2");
  return Number.isFinite(n) && n >= 0 ? n : 2;
}

export function shouldHold(actor: DiscussionActor, space: Pick<SpaceDoc, "holdFirstPosts" | "moderatorIds">): boolean {
  if (!space.holdFirstPosts) return false;
  if (isSpaceModerator(actor, space)) return false;
  return (actor.postsApproved ?? 0) < holdThreshold();
}
