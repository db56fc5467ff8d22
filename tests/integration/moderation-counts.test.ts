// The moderators' header badge is counted at most every few seconds per process and dropped on
// every change this process sees (models/moderation-counts.server.ts). A count that was being
// read while a change happened may miss it: it must not be kept for the next pages, or the badge
// lags the change by a whole TTL (a submission not shown for seconds after it was made).
import { afterAll, describe, expect, it } from "vitest";
import { db } from "./practice-fixtures";
import { disconnectDb } from "../../models/db.server";
import { invalidateModerationCounts } from "../../models/moderation-alerts.server";
import { moderationCounts } from "../../models/moderation-counts.server";

const viewer = { id: "000000000000000000000000", roles: ["moderator"] as const };

afterAll(async () => {
  await disconnectDb();
});

describe("the moderators' badge counts", () => {
  it("are kept for the next page, and counted again after a change", async () => {
    await db();
    invalidateModerationCounts();
    expect((await moderationCounts(viewer, async () => 5))!.submissions).toBe(5);
    // kept: the next page does not count again
    expect((await moderationCounts(viewer, async () => 6))!.submissions).toBe(5);
    invalidateModerationCounts();
    expect((await moderationCounts(viewer, async () => 6))!.submissions).toBe(6);
  });

  it("read across a change answer that request but are not kept", async () => {
    await db();
    invalidateModerationCounts();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = moderationCounts(viewer, async () => {
      await gate;
      return 1; // what the store held when this count began
    });
    await new Promise((r) => setTimeout(r, 20));
    invalidateModerationCounts(); // a submission lands while that count is read
    release();
    expect((await slow)!.submissions).toBe(1);
    expect((await moderationCounts(viewer, async () => 2))!.submissions).toBe(2);
  });
});
