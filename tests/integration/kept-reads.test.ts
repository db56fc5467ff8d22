// Index reads kept under the content version (decision 066): a kept answer is reused only while
// nothing changed — in this process at once, in another (the database's counter) within a second.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentChanged } from "../../models/content-version.server";
import { connectDb, disconnectDb } from "../../models/db.server";
import { forgetKeptReads, keptIndexRead } from "../../search/kept-reads.server";
import { practiceOverview } from "../../search/overview.server";

beforeAll(async () => {
  await connectDb();
  forgetKeptReads();
});
afterAll(() => disconnectDb());

function counter() {
  let n = 0;
  return { read: async () => ++n, get calls() { return n; } };
}

describe("kept index reads", () => {
  it("answer from the kept read until this process changes content", async () => {
    const c = counter();
    expect(await keptIndexRead("t:a", c.read)).toBe(1);
    expect(await keptIndexRead("t:a", c.read)).toBe(1);
    expect(await keptIndexRead("t:b", c.read)).toBe(2); // another key is another read
    await contentChanged();
    expect(await keptIndexRead("t:a", c.read)).toBe(3);
    expect(c.calls).toBe(3);
  });

  it("see another process's change (the database's counter) within about a second", async () => {
    const c = counter();
    expect(await keptIndexRead("t:other", c.read)).toBe(1);
    // what another instance's contentChanged does: the shared counter only
    await mongoose.connection.db!.collection<{ _id: string; n: number }>("contentversions").updateOne({ _id: "content" }, { $inc: { n: 1 } }, { upsert: true });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await keptIndexRead("t:other", c.read)).toBe(2);
  });

  it("never keep a failed read", async () => {
    let n = 0;
    const flaky = async () => {
      n++;
      if (n === 1) throw new Error("Meilisearch is down");
      return n;
    };
    await expect(keptIndexRead("t:flaky", flaky)).rejects.toThrow("down");
    expect(await keptIndexRead("t:flaky", flaky)).toBe(2);
    expect(await keptIndexRead("t:flaky", flaky)).toBe(2);
  });

  it("keep a landing page's overview (counts and newest practices) until content changes", async () => {
    const africa = await practiceOverview({ region: "Africa" }, 6);
    expect(africa.source).toBe("index");
    expect(africa.total).toBeGreaterThan(0);
    expect(await practiceOverview({ region: "Africa" }, 6)).toBe(africa);
    expect(await practiceOverview({ region: "Asia" }, 6)).not.toBe(africa); // another scope
    await contentChanged();
    const again = await practiceOverview({ region: "Africa" }, 6);
    expect(again).not.toBe(africa);
    expect(again.source).toBe("index");
  });
});
