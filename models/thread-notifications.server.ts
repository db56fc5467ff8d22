// The notifications discussions cause: replies, new threads, and mentions added by an edit.
import { recordNotifications, type NotificationKind } from "./notification.server";
import type { ThreadDoc } from "./thread.server";
import { Post, type PostDoc } from "./post.server";
import { Space } from "./space.server";
import { User } from "./user.server";
import { followersOf } from "./follow.server";
import { resolveMentions } from "./mention.server";
import { log } from "./log.server";

async function sendAll(list: { userId: string; kind: NotificationKind; url: string; params: Record<string, string | number> }[]) {
  if (!list.length) return;
  try {
    await recordNotifications(list);
  } catch (e) {
    log.error({ err: e }, "notifications: insert failed");
  }
}

/** Notifications for a visible reply: quote and mention each notify; the thread's author gets "reply" otherwise; followers get "followed-reply". */
export async function notifyForReply(post: Pick<PostDoc, "_id" | "authorId" | "quoteOf" | "body">, thread: Pick<ThreadDoc, "_id" | "authorId" | "title">) {
  const authorId = String(post.authorId);
  const actor = await User.findById(post.authorId).select("displayName").lean();
  const params = { thread: thread.title, actor: actor?.displayName ?? "" };
  const url = `/posts/${post._id}`;
  const kinds = new Map<string, Set<NotificationKind>>();
  const add = (uid: string, k: NotificationKind) => {
    if (uid === authorId) return;
    if (!kinds.has(uid)) kinds.set(uid, new Set());
    kinds.get(uid)!.add(k);
  };
  if (post.quoteOf) {
    if (String(post.quoteOf) === String(thread._id)) add(String(thread.authorId), "quote");
    else {
      const quoted = await Post.findById(post.quoteOf).select("authorId").lean();
      if (quoted) add(String(quoted.authorId), "quote");
    }
  }
  for (const uid of await resolveMentions(post.body?.text ?? "")) add(uid, "mention");
  const threadAuthor = String(thread.authorId);
  if (!kinds.has(threadAuthor)) add(threadAuthor, "reply");
  for (const uid of await followersOf([{ targetType: "thread", targetKey: String(thread._id) }])) if (!kinds.has(uid)) add(uid, "followed-reply");
  await sendAll([...kinds].flatMap(([userId, ks]) => [...ks].map((kind) => ({ userId, kind, url, params }))));
}

/** Notifications for a visible new thread: mentions, and followers of its space or objectives. */
export async function notifyForThread(thread: Pick<ThreadDoc, "_id" | "authorId" | "title" | "spaceId" | "objectives" | "body">) {
  const authorId = String(thread.authorId);
  const [actor, space] = await Promise.all([
    User.findById(thread.authorId).select("displayName").lean(),
    Space.findById(thread.spaceId).select("title").lean(),
  ]);
  const params = { thread: thread.title, actor: actor?.displayName ?? "", space: space?.title ?? "" };
  const url = `/threads/${thread._id}`;
  const sent = new Set<string>([authorId]);
  const list: { userId: string; kind: NotificationKind; url: string; params: Record<string, string | number> }[] = [];
  for (const uid of await resolveMentions(thread.body?.text ?? "")) {
    if (!sent.has(uid)) list.push({ userId: uid, kind: "mention", url, params });
    sent.add(uid);
  }
  const followers = await followersOf([
    { targetType: "space", targetKey: String(thread.spaceId) },
    ...(thread.objectives ?? []).map((n) => ({ targetType: "objective" as const, targetKey: String(n) })),
  ]);
  for (const uid of followers) {
    if (!sent.has(uid)) list.push({ userId: uid, kind: "new-thread", url, params });
    sent.add(uid);
  }
  await sendAll(list);
}

/** After an edit of visible content: people mentioned now who were not mentioned before. */
export async function notifyNewMentions(
  authorId: unknown,
  oldText: string,
  newText: string,
  url: string,
  thread: Pick<ThreadDoc, "title">,
) {
  const before = new Set(await resolveMentions(oldText));
  const fresh = (await resolveMentions(newText)).filter((uid) => !before.has(uid) && uid !== String(authorId));
  if (!fresh.length) return;
  const actor = await User.findById(authorId).select("displayName").lean();
  const params = { thread: thread.title, actor: actor?.displayName ?? "" };
  await sendAll(fresh.map((userId) => ({ userId, kind: "mention" as NotificationKind, url, params })));
}
