// Recording the indexed versions of many documents that are already recorded (a seed or a sweep
// re-indexing hundreds of documents) completes, and the store keeps answering everyone. On
// FerretDB 1.24 one update command with more than 100 statements that match existing documents
// used to hold all 100 pooled SQLite connections and stop the whole store (search/sync.server.ts).
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { Practice } from "../../models/practice.server";
import { recordIndexed, SearchIndexState } from "../../search/sync.server";

const ids = Array.from({ length: 300 }, () => String(new Types.ObjectId()));
const keys = ids.map((id) => `practice:${id}`);

beforeAll(async () => {
  await connectDb(process.env.MONGODB_URI);
});

afterAll(async () => {
  await SearchIndexState.deleteMany({ _id: { $in: keys } });
  await disconnectDb();
});

describe("recording indexed versions in bulk", () => {
  it("re-records 300 existing entries in one call, and other queries are answered meanwhile", async () => {
    // These ids name no practice: the sweep sees nothing to do for them (state only, no document).
    await recordIndexed("practice", ids.map((id) => [id, 1]));
    expect(await SearchIndexState.countDocuments({ _id: { $in: keys }, version: 1 })).toBe(300);

    // Every statement now matches an existing entry.
    const second = recordIndexed("practice", ids.map((id) => [id, 2]));
    const meanwhile = Practice.findOne({}).select("_id").lean();
    await Promise.all([second, meanwhile]);
    expect(await SearchIndexState.countDocuments({ _id: { $in: keys }, version: 2 })).toBe(300);
    expect(await Practice.findOne({}).select("_id").lean()).toBeTruthy();
  }, 120_000);
});
