// Fault injection: the database stops mid-work. Pages answer a translated 503 (never a 500 or a
// stack trace), search keeps answering from Meilisearch, and everything is back, sessions
// included, once the database returns.
import { afterAll, describe, expect, it } from "vitest";
import { canInject, meiliService, mongoService, startService, stopService } from "../helpers/faults";
import { Client, demo, HUB } from "../helpers/http";
import { api, eventually } from "./search-helpers";
import { connectDb, disconnectDb } from "../../models/db.server";
import { Practice } from "../../models/practice.server";
import { User } from "../../models/user.server";
import { enqueueIndex } from "../../search/outbox.server";

afterAll(async () => {
  // The next test files need both services, whatever happened above.
  if (canInject(mongoService) && !(await mongoService.up())) await startService(mongoService);
  if (canInject(meiliService) && !(await meiliService.up())) await startService(meiliService);
});

describe("with MongoDB down", () => {
  it.skipIf(!canInject(mongoService))("answers 503 pages, keeps search up and recovers when it returns", async () => {
    const member = await new Client().login(demo.member);
    expect((await member.get("/me/practices")).status).toBe(200);
    await stopService(mongoService);
    try {
      // Listings come from the index (the read model) and keep answering.
      const listing = await new Client().get("/practices?lng=fr");
      expect(listing.status).toBe(200);
      expect(await listing.text()).toContain('class="card');

      const fr = await new Client().get("/spaces?lng=fr");
      expect(fr.status).toBe(503);
      const html = await fr.text();
      expect(html).toContain("Temporairement indisponible");
      expect(html).toContain('<html lang="fr"');
      expect(html).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)|node_modules\//);

      // A client-side navigation gets the same answer as data.
      const data = await fetch(`${HUB}/spaces?_data=routes%2Fspaces._index`);
      expect(data.status).toBe(503);

      // A form post is refused with 503 as well, not a 500.
      const post = await new Client().post("/login", { email: demo.member, password: "practice-hub-demo" });
      expect(post.status).toBe(503);

      const health = await fetch(`${HUB}/healthz`);
      expect(health.status).toBe(503);
      expect((await health.json()).mongo).toBe("down");

      // Meilisearch still answers searches.
      const search = await api("q=remittances");
      expect(search.status).toBe(200);
      expect(search.body.total).toBeGreaterThan(0);
    } finally {
      await startService(mongoService);
    }
    await eventually(async () => (await new Client().get("/practices")).status === 200, 30_000, "pages to work again");
    expect((await fetch(`${HUB}/healthz`)).status).toBe(200);
    // The session survived: it lives in the database, not in the process.
    expect((await member.get("/me/practices")).status).toBe(200);
  }, 120_000);

  it.skipIf(!canInject(mongoService) || !canInject(meiliService))("the search sync catches up after both services went away in turn", async () => {
    await connectDb(process.env.MONGODB_URI);
    // Meilisearch down first, so the change is certainly still waiting when the database goes.
    await stopService(meiliService);
    const owner = await User.findOne({ email: demo.member }).select("_id").lean();
    const marker = `zqmongo${Date.now().toString(36)}`;
    const p = await Practice.create({
      slug: `mongo-down-${marker}`,
      ownerId: owner!._id,
      status: "published",
      publishedAt: new Date(),
      language: "en",
      title: `Practice written just before an outage ${marker}`,
      summary: marker,
    });
    await enqueueIndex("practice", p._id);
    await new Promise((r) => setTimeout(r, 1000)); // a failing pass or two
    await stopService(mongoService);
    await startService(meiliService);
    await new Promise((r) => setTimeout(r, 1500)); // now the database is the one failing
    await startService(mongoService);
    try {
      await eventually(async () => (await api(`q=${marker}`)).body.total === 1, 45_000, "the practice to be searchable after the restart");
    } finally {
      await Practice.updateOne({ _id: p._id }, { $set: { status: "archived" }, $inc: { version: 1 } });
      await enqueueIndex("practice", p._id);
      await disconnectDb();
    }
  }, 120_000);
});
