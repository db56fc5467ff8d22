// Fault suite: Meilisearch frozen (SIGSTOP: its port accepts connections, nothing answers).
// Pages that read the index answer within the search client's timeout (listings from the
// database, the search page and API with a translated 503), writes go on (MongoDB is the truth,
// the outbox keeps the change), and after SIGCONT search answers again.
import { afterAll, describe, expect, it } from "vitest";
import { canInject, meiliService, pauseService, resumeService } from "../helpers/faults";
import { Client, demo, timedGet } from "../helpers/http";
import { api, eventually } from "../integration/search-helpers";
import { fullForm, unique } from "../integration/practice-fixtures";

let frozen = false;
afterAll(() => {
  if (frozen) resumeService(meiliService);
});

/** The search client gives up after 5 s (search/client.server.ts); slack for a loaded machine. */
const BOUND_MS = 20_000;

describe("Meilisearch frozen", () => {
  it.skipIf(!canInject(meiliService))("pages answer within bounds, writes go on, and search answers again after it resumes", async () => {
    const member = await new Client().login(demo.member);
    const title = `Frozen index ${unique()}`;
    pauseService(meiliService);
    frozen = true;
    try {
      const [listing, search, apiSearch] = await Promise.all([timedGet("/practices?lng=fr"), timedGet("/search?q=remittances&lng=fr"), timedGet("/api/v1/search?q=remittances")]);
      console.log(`[faults] index frozen: /practices ${listing.status} in ${listing.ms} ms, /search ${search.status} in ${search.ms} ms, /api/v1/search ${apiSearch.status} in ${apiSearch.ms} ms`);
      for (const r of [listing, search, apiSearch]) {
        expect(r.ms).toBeLessThan(BOUND_MS);
        expect([200, 503]).toContain(r.status);
        expect(r.body).not.toMatch(/node_modules\/|\bat [\w.<>]+ \(.*:\d+:\d+\)/);
      }
      // the listing falls back to the database
      expect(listing.status).toBe(200);
      expect(listing.body).toContain('class="card');
      if (search.status === 503) expect(search.body).toContain("Temporairement indisponible");
      // a member's write does not wait for the index
      const started = Date.now();
      const saved = await member.post("/practices/new", { ...fullForm(title), intent: "save" });
      expect(saved.status).toBe(302);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
    } finally {
      resumeService(meiliService);
      frozen = false;
    }
    await eventually(async () => (await api("q=remittances")).status === 200, 30_000, "search to answer again");
  }, 120_000);
});
