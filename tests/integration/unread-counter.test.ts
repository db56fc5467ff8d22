// The header's unread badge comes from a counter on the user document (decision 058): every
// notification adds one by $inc, the read that turns it read takes one off, and the recount
// repairs what a crash or a direct database edit left wrong. Real requests against the hub.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { disconnectDb } from "../../models/db.server";
import { Notification } from "../../models/notification.server";
import { repairUnreadCounts } from "../../models/notification-counts.server";
import { User } from "../../models/user.server";
import { db, freshMember, newThread, reply, threadIdFrom, unique, resetPostLimits } from "./discussion-fixtures";

beforeAll(db);
afterAll(disconnectDb);

const counter = async (id: Types.ObjectId) => (await User.collection.findOne({ _id: id }))?.unreadNotifications as number | undefined;
const unreadIn = (id: Types.ObjectId) => Notification.countDocuments({ userId: id, readAt: null });
/** The number on the header's badge, or null when it shows none (also checks the words that
 *  screen readers get beside it). */
const badge = (html: string) => {
  const n = /<span class="badge" aria-hidden="true">(-?\d+)<\/span>/.exec(html)?.[1] ?? null;
  if (n !== null) expect(html).toMatch(new RegExp(`\\((<!-- -->)?${n} unread notifications?(<!-- -->)?\\)`));
  return n;
};

describe("the unread counter", () => {
  it("20 parallel replies to one thread count 20 on its author's badge; 10 parallel reads of one take one off; read all empties it", async () => {
    await resetPostLimits();
    const author = await freshMember("BadgeAuthor");
    const threadId = threadIdFrom(await newThread(author.client, { title: unique("Badge thread") }));
    const repliers = await Promise.all(Array.from({ length: 20 }, (_, i) => freshMember(`BadgeReplier${i}`)));
    const answers = await Promise.all(repliers.map((m, i) => reply(m.client, threadId, `${unique("Badge reply")} #${i}`)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 302));

    expect(await unreadIn(author.user._id)).toBe(20);
    expect(await counter(author.user._id)).toBe(20);
    expect(badge(await (await author.client.get("/")).text())).toBe("20");
    expect(await (await author.client.get("/notifications")).text()).toContain("You have 20 unread notifications.");

    const one = await Notification.findOne({ userId: author.user._id }).lean();
    const reads = await Promise.all(Array.from({ length: 10 }, () => author.client.post("/notifications", { intent: "read", id: String(one!._id) })));
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 302));
    expect(await counter(author.user._id)).toBe(19);
    expect(badge(await (await author.client.get("/")).text())).toBe("19");

    expect((await author.client.post("/notifications", { intent: "read-all" })).status).toBe(302);
    expect(await counter(author.user._id)).toBe(0);
    expect(badge(await (await author.client.get("/")).text())).toBeNull();
  });

  it("the recount repairs a counter left wrong and gives one to an account stored without it; meanwhile such an account still sees its count", async () => {
    const wrong = await freshMember("BadgeWrong");
    const old = await freshMember("BadgeOld");
    await Notification.insertMany([0, 1, 2].map((i) => ({ userId: wrong.user._id, kind: "reply", url: "/", params: { thread: `t${i}`, actor: "x" } })));
    await Notification.insertMany([0, 1].map((i) => ({ userId: old.user._id, kind: "reply", url: "/", params: { thread: `t${i}`, actor: "x" } })));
    await User.collection.updateOne({ _id: wrong.user._id }, { $set: { unreadNotifications: 7 } });
    await User.collection.updateOne({ _id: old.user._id }, { $unset: { unreadNotifications: 1 } });

    // Before the recount: the stored (wrong) counter shows; the account without one is counted.
    expect(badge(await (await wrong.client.get("/")).text())).toBe("7");
    expect(badge(await (await old.client.get("/")).text())).toBe("2");

    expect(await repairUnreadCounts()).toBeGreaterThanOrEqual(2);
    expect(await counter(wrong.user._id)).toBe(3);
    expect(await counter(old.user._id)).toBe(2);
    expect(badge(await (await wrong.client.get("/")).text())).toBe("3");
    // A second pass finds nothing of theirs to set.
    await repairUnreadCounts();
    expect(await counter(wrong.user._id)).toBe(3);
  });

  it("a counter driven below zero by reads racing a recount never shows a negative badge", async () => {
    const m = await freshMember("BadgeNegative");
    await User.collection.updateOne({ _id: m.user._id }, { $set: { unreadNotifications: -2 } });
    const home = await (await m.client.get("/")).text();
    expect(badge(home)).toBeNull();
    expect(await (await m.client.get("/notifications")).text()).toContain("You have no unread notifications.");
    await repairUnreadCounts();
    expect(await counter(m.user._id)).toBe(0);
  });
});
