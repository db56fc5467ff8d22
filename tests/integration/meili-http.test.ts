// The Meilisearch client's HTTP layer (decision 063): node:http over a keep-alive agent. It must
// keep the client's error contract (the hub tells "Meilisearch cannot answer" from "the query is
// wrong" by the error class), honour the client's timeout, and survive a kept-alive socket that
// the server closed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from "meilisearch";
import { afterAll, describe, expect, it } from "vitest";
import { indexName, meili } from "../../search/client.server";
import { meiliHttpClient } from "../../search/meili-http.server";
import { isUnavailable } from "../../search/query.server";

const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

async function fakeMeili(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const clientFor = (host: string, timeout = 5000) => new Meilisearch({ host, timeout, httpClient: meiliHttpClient(() => {}) });

describe("the Meilisearch client's HTTP layer", () => {
  it("answers a search as the fetch path does, uncompressed", async () => {
    const res = await meili().multiSearch({ queries: [{ indexUid: indexName("practices"), q: "", limit: 1 }] });
    expect(res.results).toHaveLength(1);
    expect(res.results[0].indexUid).toBe(indexName("practices"));
    let encoding: string | undefined;
    const host = await fakeMeili((req, res) => {
      encoding = req.headers["accept-encoding"];
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ results: [] }));
    });
    await clientFor(host).multiSearch({ queries: [] });
    expect(encoding).toBe("identity");
  });

  it("a refused query is an API error with Meilisearch's code, not 'unavailable'", async () => {
    const e = await meili()
      .index(indexName("practices"))
      .search("", { filter: "nonsense ~~ 1" })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MeilisearchApiError);
    expect((e as MeilisearchApiError).response.status).toBe(400);
    expect((e as MeilisearchApiError).cause?.code).toMatch(/^invalid_search_filter$/);
    expect(isUnavailable(e)).toBe(false);
    const missing = await meili()
      .index("no-such-index-here")
      .search("")
      .catch((err: unknown) => err);
    expect((missing as MeilisearchApiError).cause?.code).toBe("index_not_found");
    expect(isUnavailable(missing)).toBe(true);
  });

  it("a server that cannot be reached, or does not answer in time, is 'unavailable'", async () => {
    const closed = await fakeMeili(() => {});
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 50));
    const refused = await clientFor(closed)
      .multiSearch({ queries: [] })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(MeilisearchRequestError);
    expect(isUnavailable(refused)).toBe(true);
    const silent = await fakeMeili(() => {
      /* never answers */
    });
    const t0 = Date.now();
    const timedOut = await clientFor(silent, 300)
      .multiSearch({ queries: [] })
      .catch((err: unknown) => err);
    // as on the client's fetch path: a request error whose cause is the timeout
    expect(timedOut).toBeInstanceOf(MeilisearchRequestError);
    expect((timedOut as Error).cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(isUnavailable(timedOut)).toBe(true);
  });

  it("sends again when a kept-alive socket was closed by the server just as it was reused", async () => {
    let answered = 0;
    let dropped = 0;
    const used = new WeakSet<object>();
    const host = await fakeMeili((req, res) => {
      // a server that closes every connection when a second request arrives on it, unread
      if (used.has(req.socket)) {
        dropped++;
        req.socket.destroy();
        return;
      }
      used.add(req.socket);
      answered++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ results: [], n: answered }));
    });
    const client = clientFor(host);
    for (let i = 1; i <= 4; i++) {
      const r = (await client.multiSearch({ queries: [] })) as unknown as { n: number };
      expect(r.n).toBe(i);
    }
    expect(answered).toBe(4);
    expect(dropped).toBeGreaterThan(0);
  });
});
