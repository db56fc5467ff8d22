// Fault suite: FerretDB frozen (SIGSTOP: its port still accepts connections, nothing answers),
// as a paused VM or a stalled disk would leave it. Requests that need the database are answered
// with the translated 503 within the client's wait bounds (models/db.server.ts), never held until
// it resumes; pages served from the search index keep answering; once it resumes, everything
// works again from the same app process.
import { afterAll, describe, expect, it } from "vitest";
import { DB_CONNECT_TIMEOUT_MS, DB_SOCKET_TIMEOUT_MS } from "../../models/db.server";
import { canInject, mongoService, pauseService, resumeService } from "../helpers/faults";
import { Client, demo, timedGet, HUB } from "../helpers/http";
import { eventually } from "../helpers/wait";

let frozen = false;
afterAll(() => {
  if (frozen) resumeService(mongoService);
});

/** The longest a request may wait on a frozen database: a command's socket timeout, its one
 *  retry's, a new connection's, and slack for a loaded machine. */
const BOUND_MS = 2 * DB_SOCKET_TIMEOUT_MS + DB_CONNECT_TIMEOUT_MS + 10_000;

describe("FerretDB frozen", () => {
  it.skipIf(!canInject(mongoService))("answers 503 within bounds instead of hanging, and recovers when it resumes", async () => {
    const member = await new Client().login(demo.member);
    expect((await member.get("/me/practices")).status).toBe(200);
    pauseService(mongoService);
    frozen = true;
    try {
      const [spaces, mine, listing] = await Promise.all([timedGet("/spaces?lng=es"), timedGet("/me/practices", member), timedGet("/practices")]);
      console.log(`[faults] store frozen: /spaces ${spaces.status} in ${spaces.ms} ms, /me/practices ${mine.status} in ${mine.ms} ms, /practices ${listing.status} in ${listing.ms} ms`);
      for (const r of [spaces, mine]) {
        expect(r.status).toBe(503);
        expect(r.ms).toBeLessThan(BOUND_MS);
        expect(r.body).not.toMatch(/node_modules\/|\bat [\w.<>]+ \(.*:\d+:\d+\)/);
      }
      expect(spaces.body).toContain("Temporalmente no disponible");
      // the listing comes from the search index, which is up
      expect(listing.status).toBe(200);
      const health = await fetch(`${HUB}/healthz`, { signal: AbortSignal.timeout(BOUND_MS) });
      expect(health.status).toBe(503);
    } finally {
      resumeService(mongoService);
      frozen = false;
    }
    await eventually(async () => (await new Client().get("/spaces")).status === 200, 30_000, "pages to work again");
    expect((await member.get("/me/practices")).status).toBe(200);
  }, 180_000);
});
