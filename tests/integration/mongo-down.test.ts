// Fault injection: the database stops mid-work. Pages answer a translated 503 (never a 500 or a
// stack trace), search keeps answering from Meilisearch, and everything is back, sessions
// included, once the database returns.
import { afterAll, describe, expect, it } from "vitest";
import { canInject, mongoService, startService, stopService } from "../helpers/faults";
import { Client, demo, HUB } from "../helpers/http";
import { api, eventually } from "./search-helpers";

afterAll(async () => {
  // The next test files need the database, whatever happened above.
  if (canInject(mongoService) && !(await mongoService.up())) await startService(mongoService);
});

describe("with MongoDB down", () => {
  it.skipIf(!canInject(mongoService))("answers 503 pages, keeps search up and recovers when it returns", async () => {
    const member = await new Client().login(demo.member);
    expect((await member.get("/me/practices")).status).toBe(200);
    await stopService(mongoService);
    try {
      const fr = await new Client().get("/practices?lng=fr");
      expect(fr.status).toBe(503);
      const html = await fr.text();
      expect(html).toContain("Temporairement indisponible");
      expect(html).toContain('<html lang="fr"');
      expect(html).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)|node_modules\//);

      // A client-side navigation gets the same answer as data.
      const data = await fetch(`${HUB}/practices?_data=routes%2Fpractices._index`);
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
});
