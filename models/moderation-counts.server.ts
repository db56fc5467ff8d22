// What waits for a moderator, for the header badge on every page: submissions waiting for
// review, open reports, held posts. FerretDB answers filters on anything but _id slowly, so
// the counts are a handful of count queries cached in-process for a few seconds (shared by
// every moderator with the same scope) and dropped whenever this process sees a change.
import { can } from "./permissions";
import { moderationCountsCache, moderationCountsGeneration } from "./moderation-alerts.server";
import { connectDb } from "./db.server";
import { Post } from "./post.server";
import { Practice } from "./practice.server";
import { Report } from "./report.server";
import { Space } from "./space.server";
import { Thread } from "./thread.server";

const TTL_MS = 5_000;

export interface ModerationCounts {
  /** null: this person does not review practices (a space moderator). */
  submissions: number | null;
  reports: number;
  held: number;
  /** Where the badge leads. */
  href: string;
}

async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = moderationCountsCache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as T;
  // A count that began before a change and ends after it may not include it: it answers this
  // request but is not kept (otherwise the badge could lag the change by a whole TTL).
  const generation = moderationCountsGeneration();
  const value = await load();
  if (generation === moderationCountsGeneration()) moderationCountsCache.set(key, { at: Date.now(), value });
  return value;
}

/** Space ids by moderator id (every space's moderator list, a few rows, cached). */
const spaceModerators = () =>
  cached("spaces", async () => {
    const spaces = await Space.find({}).select("_id moderatorIds").limit(1000).lean();
    const by: Record<string, string[]> = {};
    for (const s of spaces) for (const m of s.moderatorIds ?? []) (by[String(m)] ??= []).push(String(s._id));
    return by;
  });

const open = { hidden: false, deletedAt: null };

/** The badge counts for a viewer, or null when they moderate nothing. `countSubmissions` counts
 *  what waits for review (the app passes the review index's count, search/review-queue.server.ts;
 *  MongoDB's count reads every submission on FerretDB). */
export async function moderationCounts(
  viewer: { id: string; roles: readonly string[] },
  countSubmissions: () => Promise<number> = () => Practice.countDocuments({ reviewStatus: "submitted" }),
): Promise<ModerationCounts | null> {
  await connectDb();
  if (can(viewer.roles, "review:practice") || can(viewer.roles, "moderate:discussion")) {
    const reviews = can(viewer.roles, "review:practice");
    const all = await cached("all", async () => {
      const [submissions, reports, heldThreads, heldPosts] = await Promise.all([
        countSubmissions(), // new submissions and revisions of published ones
        Report.countDocuments({ status: "open" }),
        Thread.countDocuments({ held: true, ...open }),
        Post.countDocuments({ held: true, ...open }),
      ]);
      return { submissions, reports, held: heldThreads + heldPosts };
    });
    return { ...all, submissions: reviews ? all.submissions : null, href: reviews ? "/moderation" : "/moderation/reports" };
  }
  const spaceIds = (await spaceModerators())[viewer.id];
  if (!spaceIds?.length) return null;
  const scoped = await cached(`spaces:${[...spaceIds].sort().join(",")}`, async () => {
    const threads = await Thread.find({ spaceId: { $in: spaceIds } }).select("_id held hidden deletedAt").limit(20_000).lean();
    const ids = threads.map((x) => x._id);
    const [reports, heldPosts] = await Promise.all([
      Report.countDocuments({ status: "open", threadId: { $in: ids } }),
      Post.countDocuments({ held: true, ...open, threadId: { $in: ids } }),
    ]);
    const heldThreads = threads.filter((x) => x.held && !x.hidden && !x.deletedAt).length;
    return { reports, held: heldThreads + heldPosts };
  });
  return { submissions: null, ...scoped, href: "/moderation/reports" };
}
