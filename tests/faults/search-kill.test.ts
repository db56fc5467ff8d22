// Fault suite (issue 15, item 1): Meilisearch is killed with SIGKILL in the middle of 200
// publications and edits, and started again. Every write succeeds meanwhile (MongoDB is the
// truth); afterwards every published practice is in the index exactly once, with its last
// version, and what was unpublished is gone.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { connectDb, disconnectDb } from "../../models/db.server";
import { changed } from "../../models/practice-store.server";
import { Practice } from "../../models/practice.server";
import { User } from "../../models/user.server";
import { indexName } from "../../search/client.server";
import { canInject, meiliService, startService, stopService } from "../helpers/faults";
import { demo } from "../helpers/http";
import { eventually, waitForIndex } from "../integration/search-helpers";

const marker = `fk${randomBytes(4).toString("hex")}`;
const created: Types.ObjectId[] = [];
let ownerId: Types.ObjectId;

beforeAll(async () => {
  await connectDb();
  ownerId = (await User.findOne({ email: demo.member }).lean())!._id as Types.ObjectId;
});
afterAll(async () => {
  if (canInject(meiliService) && !(await meiliService.up())) await startService(meiliService);
  await Practice.deleteMany({ _id: { $in: created } });
  for (const id of created) await changed(id);
  await disconnectDb();
});

/** The index's copy of each of our practices: id → version (fetched by filter on ids). */
async function indexed(): Promise<Map<string, number>> {
  const host = (process.env.MEILI_HOST ?? "").replace(/\/$/, "");
  const out = new Map<string, number>();
  for (let i = 0; i < created.length; i += 100) {
    const ids = created.slice(i, i + 100).map(String);
    const res = await fetch(`${host}/indexes/${indexName("practices")}/documents/fetch`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}` },
      body: JSON.stringify({ filter: `id IN [${ids.map((x) => JSON.stringify(x)).join(",")}]`, fields: ["id", "version"], limit: 1000 }),
    });
    if (!res.ok) throw new Error(`fetch documents: ${res.status} ${await res.text()}`);
    for (const d of ((await res.json()) as { results: { id: string; version: number }[] }).results) {
      if (out.has(d.id)) throw new Error(`indexed twice: ${d.id}`);
      out.set(d.id, d.version);
    }
  }
  return out;
}

describe("Meilisearch killed during 200 publications and edits", () => {
  it.skipIf(!canInject(meiliService))("ends with every published practice indexed once, at its last version", async () => {
    const ops = 200;
    const killAt = 50;
    const restartAt = 150;
    for (let i = 0; i < ops; i++) {
      if (i === killAt) await stopService(meiliService);
      if (i === restartAt) await startService(meiliService);
      const r = i % 4;
      if (r === 0 || created.length < 5) {
        // a new publication
        const p = await Practice.create({
          slug: `${marker}-${i}`,
          ownerId,
          status: "published",
          language: "en",
          title: `Fault practice ${marker} ${i}`,
          summary: `Written while Meilisearch may be down (${marker}).`,
          countries: ["KE"],
          regions: ["Africa"],
          objectives: [7],
          publishedAt: new Date(),
        });
        created.push(p._id);
        await changed(p._id);
      } else {
        // an edit (a new version) of an earlier one; every 10th op unpublishes, the next republishes
        const id = created[(i * 7) % created.length];
        const status = i % 10 === 3 ? "archived" : "published";
        await Practice.updateOne({ _id: id }, { $set: { summary: `Edit ${i} (${marker})`, status }, $inc: { version: 1 } });
        await changed(id);
      }
    }
    expect(await meiliService.up()).toBe(true);
    await waitForIndex(120_000);
    const truth = new Map((await Practice.find({ _id: { $in: created } }).select("status version").lean()).map((p) => [String(p._id), p]));
    await eventually(async () => {
      const idx = await indexed();
      for (const [id, p] of truth) {
        if (p.status === "published" ? idx.get(id) !== p.version : idx.has(id)) return false;
      }
      return idx.size === [...truth.values()].filter((p) => p.status === "published").length;
    }, 60_000, "the index to hold every published practice at its last version");
  }, 300_000);
});
