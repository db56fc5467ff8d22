// `npm run seed -- --practices N` writes through the search outbox: what it adds becomes
// searchable through the running hub's worker, without a sweep (the test hub sweeps once an hour),
// and what is removed the same way leaves the index.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { Post } from "../../models/post.server";
import { Practice } from "../../models/practice.server";
import { Thread } from "../../models/thread.server";
import { User } from "../../models/user.server";
import { indexName, meili } from "../../search/client.server";
import { removeSynthetic, seedSynthetic, type SyntheticResult } from "../../scripts/seed/synthetic";
import { eventually, waitForIndex } from "./search-helpers";

let run: SyntheticResult | null = null;

async function inIndex(kind: "practices" | "threads", ids: string[]) {
  const index = meili().index(indexName(kind));
  const found = await Promise.all(ids.map((id) => index.getDocument(id, { fields: ["id"] }).then(() => true, () => false)));
  return found;
}

beforeAll(async () => {
  await connectDb(process.env.MONGODB_URI);
  await waitForIndex();
});

afterAll(async () => {
  if (run) await removeSynthetic(run.stamp);
  await disconnectDb();
});

describe("synthetic seed", () => {
  it("adds practices, owners, threads and replies in the demo's proportions, and the hub indexes them from the outbox", async () => {
    run = await seedSynthetic(66, { seed: 11 });
    expect(run.practices).toBe(66);
    expect(run.threads).toBe(14);
    expect(run.users).toBe(7);
    expect(run.outbox).toBe(66 + 14);

    const practices = await Practice.find({ slug: new RegExp(`^synthetic-${run.stamp}-`) }).select("status sections").lean();
    expect(practices).toHaveLength(66);
    // Rich-text sections of the demo's size, rendered like the app's.
    const section = practices[0].sections!.context as { html?: string; text?: string; state?: string };
    expect(section.text!.length).toBeGreaterThan(150);
    expect(section.html).toMatch(/^<p/);
    expect(JSON.parse(section.state!).root.type).toBe("root");

    const owners = await User.find({ email: new RegExp(`^synthetic-${run.stamp}-`) }).select("_id").lean();
    const threads = await Thread.find({ authorId: { $in: owners.map((o) => o._id) } }).select("replyCount").lean();
    expect(threads).toHaveLength(14);
    for (const t of threads) expect(await Post.countDocuments({ threadId: t._id })).toBe(t.replyCount);
    expect(run.replies).toBe(threads.reduce((n, t) => n + t.replyCount, 0));

    const published = practices.filter((p) => p.status === "published").map((p) => String(p._id));
    const unpublished = practices.filter((p) => p.status !== "published").map((p) => String(p._id));
    expect(published.length).toBe(run.published);
    expect(unpublished.length).toBeGreaterThan(0);
    const threadIds = threads.map((t) => String(t._id));
    await eventually(async () => (await inIndex("practices", published)).every(Boolean) && (await inIndex("threads", threadIds)).every(Boolean), 45_000, "the seeded practices and threads in the index");
    expect((await inIndex("practices", unpublished)).some(Boolean)).toBe(false);

    // Removal goes through the outbox too.
    const stamp = run.stamp;
    await removeSynthetic(stamp);
    run = null;
    expect(await Practice.countDocuments({ slug: new RegExp(`^synthetic-${stamp}-`) })).toBe(0);
    await eventually(async () => !(await inIndex("practices", published)).some(Boolean) && !(await inIndex("threads", threadIds)).some(Boolean), 45_000, "the removed content out of the index");
  }, 150_000);
});
