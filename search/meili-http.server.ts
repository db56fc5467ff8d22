// The Meilisearch client's HTTP layer (decision 063): node:http over a keep-alive agent instead
// of Node's fetch. fetch costs ≈0.5 ms more CPU and wall time per call (Request, Headers,
// Response and web streams for every call; measured 1.3–1.6 against 0.6–1.0 ms CPU per
// multi-search on this machine), and pages make one to three calls. Answers are asked for
// uncompressed (decision 014).
import http from "node:http";
import https from "node:https";
import { MeilisearchApiError } from "meilisearch";

/** A socket idle this long is closed by us before Meilisearch (5 s keep-alive) closes it. */
const IDLE_MS = 4000;
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_MS }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_MS }),
};

type Observe = (method: string, path: string, outcome: "ok" | "error", seconds: number) => void;

function plainHeaders(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (h instanceof Headers) h.forEach((v, k) => (out[k] = v));
  else if (Array.isArray(h)) for (const [k, v] of h) out[k.toLowerCase()] = v;
  else for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = String(v);
  return out;
}

/** One request; the parsed JSON answer (undefined when empty), or a MeilisearchApiError for a
 *  non-2xx answer, as the client's fetch path gives (the npm patch lets it through unwrapped). */
function send(url: URL, init: RequestInit, retry: boolean): Promise<unknown> {
  const signal = init.signal ?? undefined;
  const body = typeof init.body === "string" ? init.body : undefined;
  const headers = plainHeaders(init.headers);
  headers["accept-encoding"] = "identity";
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const req = lib.request(url, { method: init.method ?? "GET", headers, agent: agents[url.protocol === "https:" ? "https:" : "http:"] }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (e) => fail(e, false));
      res.on("end", () => {
        signal?.removeEventListener("abort", onAbort);
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = text === "" ? undefined : JSON.parse(text);
        } catch (e) {
          return reject(e);
        }
        const status = res.statusCode ?? 500;
        if (status >= 200 && status < 300) return resolve(parsed);
        reject(new MeilisearchApiError(new Response(null, { status, statusText: res.statusMessage ?? "" }), parsed as never));
      });
    });
    function fail(e: Error & { code?: string }, beforeAnswer = true) {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(signal.reason);
      // Meilisearch closed a kept-alive socket just as it was reused: nothing was read, send again.
      if (retry && beforeAnswer && req.reusedSocket && e.code === "ECONNRESET") return resolve(send(url, init, false));
      reject(e);
    }
    function onAbort() {
      req.destroy();
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e) => fail(e));
    req.end(body);
  });
}

/** The `httpClient` of the Meilisearch client; `observe` times every call (decision 046). */
export function meiliHttpClient(observe: Observe) {
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<unknown> => {
    const url = input instanceof URL ? input : new URL(typeof input === "string" ? input : input.url);
    const t0 = performance.now();
    const method = init.method ?? "GET";
    try {
      const r = await send(url, init, true);
      observe(method, url.pathname, "ok", (performance.now() - t0) / 1000);
      return r;
    } catch (e) {
      observe(method, url.pathname, e instanceof MeilisearchApiError ? "ok" : "error", (performance.now() - t0) / 1000);
      throw e;
    }
  };
}
