// Responses on the wire (decision 016): pages and larger JSON compressed with what the client
// accepts, small JSON sent as it is with its length, public files served without a disk lookup
// for every other path.
import http from "node:http";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { HUB } from "../helpers/http";

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
/** A request whose body is returned exactly as sent (fetch would decompress it). */
function raw(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(HUB + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const decode = (r: Raw) =>
  (r.headers["content-encoding"] === "br"
    ? zlib.brotliDecompressSync(r.body)
    : r.headers["content-encoding"] === "gzip"
      ? zlib.gunzipSync(r.body)
      : r.body
  ).toString("utf8");

describe("compression", () => {
  it("compresses pages with brotli or gzip, as the client accepts, and the whole page arrives", async () => {
    const plain = await raw("/", { "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const html = plain.body.toString("utf8");
    expect(html).toContain('<html lang="en" dir="ltr"');
    expect(html.trimEnd().endsWith("</html>")).toBe(true);

    for (const [accept, encoding] of [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip", "gzip"],
    ]) {
      const r = await raw("/", { "accept-encoding": accept });
      expect(r.status).toBe(200);
      expect(r.headers["content-encoding"]).toBe(encoding);
      expect(r.headers.vary).toMatch(/Accept-Encoding/i);
      expect(r.body.length).toBeLessThan(plain.body.length / 2);
      const text = decode(r);
      expect(text).toContain('<html lang="en" dir="ltr"');
      expect(text.trimEnd().endsWith("</html>")).toBe(true);
      // Same page apart from the per-request nonce and CSRF token.
      expect(text.length).toBeGreaterThan(html.length * 0.95);
      expect(text.length).toBeLessThan(html.length * 1.05);
    }
  });

  it("compresses JSON over 1 KiB and sends smaller JSON as it is, with its length", async () => {
    const big = await raw("/api/v1/search?q=health", { "accept-encoding": "gzip, br" });
    expect(big.status).toBe(200);
    expect(big.headers["content-encoding"]).toBe("br");
    const body = JSON.parse(decode(big)) as { total: number; hits: unknown[] };
    expect(body.total).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(1024);

    const small = await raw("/api/v1/practices/no-such-practice", { "accept-encoding": "gzip, br" });
    expect(small.status).toBe(404);
    expect(small.headers["content-type"]).toMatch(/^application\/json/);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.length).toBeLessThan(1024);
    expect(Number(small.headers["content-length"])).toBe(small.body.length);
    expect(JSON.parse(small.body.toString("utf8"))).toHaveProperty("error.status", 404);
  });

  it("answers HEAD for JSON with headers only", async () => {
    const res = await fetch(`${HUB}/api/v1/search?q=health`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.text()).toBe("");
  });
});

describe("public files", () => {
  it("serves the files in public/ with their type and cache lifetime", async () => {
    const r = await raw("/favicon.svg", { "accept-encoding": "identity" });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(r.headers["cache-control"]).toBe("public, max-age=3600");
    expect(r.body.toString("utf8")).toContain("<svg");
  });

  it("leaves every other path to the app: a missing file is the translated 404 page", async () => {
    for (const path of ["/favicon.png", "/favicon.svg/x", "/build/no-such-asset.js"]) {
      const r = await raw(`${path}?lng=fr`, { "accept-encoding": "identity" });
      expect(r.status, path).toBe(404);
      expect(r.body.toString("utf8"), path).toContain('<html lang="fr"');
    }
  });
});
