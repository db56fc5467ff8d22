// The discussions about a practice, on its page: the newest visible threads that link it, from
// the threads index (a thread document carries the ids of the practices it links). On FerretDB
// the MongoDB query tests every thread's list of linked practices (65 ms with 2,000 threads);
// the index answers in a few. MongoDB has the last word on each hit, as in the thread listings
// (search/thread-listing.server.ts): a thread hidden a moment ago is gone at once, and a thread
// started a moment ago (still in the outbox) is there at once. MongoDB answers alone when
// Meilisearch cannot, or while a bulk import fills the outbox.
import type { Types } from "mongoose";
import { threadsAboutPractice } from "../models/thread-query.server";
import { Thread, threadVisible, type ThreadDoc } from "../models/thread.server";
import { indexName, meili } from "./client.server";
import { changedSinceIndexed } from "./outbox.server";
import { isUnavailable } from "./query.server";
import { log } from "../models/log.server";

export type PracticeDiscussion = Awaited<ReturnType<typeof threadsAboutPractice>>[number];

export async function practiceDiscussions(practiceId: string | Types.ObjectId, limit = 10): Promise<PracticeDiscussion[]> {
  const id = String(practiceId);
  if (!/^[a-f0-9]{24}$/.test(id)) return [];
  try {
    const [{ hits }, changed] = await Promise.all([
      meili()
        .index(indexName("threads"))
        .search<{ id: string }>("", { filter: [`practiceIds = "${id}"`], sort: ["updatedAt:desc"], limit, attributesToRetrieve: ["id"] }),
      changedSinceIndexed("thread"),
    ]);
    if (changed) {
      // the hits, and threads changed since the index caught up (a thread just started here):
      // MongoDB decides for each whether it is visible and still links this practice
      const ids = [...new Set([...hits.map((h) => h.id), ...changed])];
      if (!ids.length) return [];
      const docs = (await Thread.find({ _id: { $in: ids } })
        .select("title language replyCount lastPostAt practiceIds hidden held deletedAt")
        .lean()) as ThreadDoc[];
      return docs
        .filter((d) => threadVisible(d) && (d.practiceIds ?? []).some((p) => String(p) === id))
        .sort((a, b) => new Date(b.lastPostAt).getTime() - new Date(a.lastPostAt).getTime())
        .slice(0, limit)
        .map((d) => ({ id: String(d._id), title: d.title, language: d.language, replyCount: d.replyCount, lastPostAt: new Date(d.lastPostAt).toISOString() }));
    }
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "practice discussions: index query failed, using MongoDB");
  }
  return threadsAboutPractice(practiceId, limit);
}
