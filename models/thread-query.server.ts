// Reading discussions for the public pages.
import { connectDb } from "./db.server";
import { Thread, type ThreadDoc } from "./thread.server";
import { Post, type PostDoc } from "./post.server";
import { User } from "./user.server";
import { Space } from "./space.server";
import { Types } from "mongoose";

const visible = { hidden: false, held: false, deletedAt: null };

async function authorNames(ids: Types.ObjectId[]) {
  const users = await User.find({ _id: { $in: ids } }).select("displayName").lean();
  return new Map(users.map((u) => [String(u._id), u.displayName]));
}

export async function latestThreads(page: number, perPage: number) {
  await connectDb();
  const [total, docs] = await Promise.all([
    Thread.countDocuments(visible),
    Thread.find(visible).sort({ lastPostAt: -1 }).skip((page - 1) * perPage).limit(perPage).lean(),
  ]);
  const names = await authorNames((docs as ThreadDoc[]).map((d) => d.authorId));
  return {
    total,
    threads: (docs as ThreadDoc[]).map((d) => ({
      id: String(d._id),
      title: d.title,
      language: d.language,
      author: names.get(String(d.authorId)) ?? "",
      replyCount: d.replyCount,
      lastPostAt: d.lastPostAt.toISOString(),
      excerpt: d.body?.text?.slice(0, 240) ?? "",
    })),
  };
}

export async function threadWithReplies(id: string, page: number, perPage: number) {
  await connectDb();
  if (!Types.ObjectId.isValid(id)) return null;
  const thread = (await Thread.findOne({ _id: id, ...visible }).lean()) as ThreadDoc | null;
  if (!thread) return null;
  const space = await Space.findById(thread.spaceId).select("slug title").lean();
  const filter = { threadId: thread._id, hidden: false, held: false };
  const [total, posts] = await Promise.all([
    Post.countDocuments(filter),
    Post.find(filter).sort({ createdAt: 1 }).skip((page - 1) * perPage).limit(perPage).lean(),
  ]);
  const names = await authorNames([thread.authorId, ...(posts as PostDoc[]).map((p) => p.authorId)]);
  return {
    thread: {
      id: String(thread._id),
      title: thread.title,
      language: thread.language,
      html: thread.body?.html ?? "",
      author: names.get(String(thread.authorId)) ?? "",
      createdAt: thread.createdAt.toISOString(),
      locked: thread.locked,
      space: space ? { slug: space.slug, title: space.title } : null,
    },
    total,
    replies: (posts as PostDoc[]).map((p) => ({
      id: String(p._id),
      html: p.deletedAt ? "" : p.body?.html ?? "",
      deleted: Boolean(p.deletedAt),
      author: names.get(String(p.authorId)) ?? "",
      createdAt: p.createdAt.toISOString(),
    })),
  };
}
