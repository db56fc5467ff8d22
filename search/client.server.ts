// The Meilisearch client and index names (MEILI_INDEX_PREFIX keeps test and dev apart).
import { subscribe } from "node:diagnostics_channel";
import { Meilisearch } from "meilisearch";
import { metrics } from "../models/metrics.server";
import { meiliHttpClient } from "./meili-http.server";

let client: Meilisearch | null = null;

export function meili(): Meilisearch {
  if (!client) {
    client = new Meilisearch({
      host: process.env.MEILI_HOST ?? "http://127.0.0.1:7700",
      apiKey: process.env.MEILI_MASTER_KEY || undefined,
      timeout: 5000,
      // node:http over a keep-alive agent, answers uncompressed (decisions 014 and 063).
      httpClient: meiliHttpClient((method, path, outcome, seconds) => metrics.meiliDuration.observe({ operation: meiliOperation(method, path), outcome }, seconds)),
    });
  }
  return client;
}

export function indexName(base: "practices" | "threads" | "reviews"): string {
  return `${process.env.MEILI_INDEX_PREFIX ?? ""}${base}`;
}

export async function meiliHealthy(): Promise<boolean> {
  try {
    const res = await fetch(`${(process.env.MEILI_HOST ?? "http://127.0.0.1:7700").replace(/\/$/, "")}/health`, {
      signal: AbortSignal.timeout(1500),
    });
    return res.ok;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- timing (decision 046)
// The client's calls are timed by its HTTP layer (meili-http.server.ts); Node's fetch reports
// each request on diagnostics channels, and other requests to MEILI_HOST (the health check,
// helpers) are timed there.
interface UndiciRequest {
  origin?: string;
  method?: string;
  path?: string;
}

/** What a Meilisearch request does, from its path: a short fixed set (never an index name or id). */
export function meiliOperation(method: string, path: string): string {
  const p = path.split("?")[0].split("/").filter(Boolean);
  if (p[0] === "indexes" && p.length >= 3) {
    const what = p[2] === "settings" ? "settings" : p[2] === "documents" ? (method === "GET" ? "documents-read" : "documents-write") : p[2];
    return ["search", "settings", "documents-read", "documents-write", "stats", "facet-search", "similar"].includes(what) ? what : "index-other";
  }
  if (p[0] === "indexes") return "indexes";
  return ["multi-search", "tasks", "health", "swap-indexes", "stats", "keys", "version"].includes(p[0] ?? "") ? p[0] : "other";
}

declare global {
  // eslint-disable-next-line no-var
  var __hubMeiliTiming: boolean | undefined;
}

if (!globalThis.__hubMeiliTiming) {
  globalThis.__hubMeiliTiming = true;
  const started = new WeakMap<object, number>();
  let host: [string | undefined, string] = ["", ""];
  const origin = () => {
    if (host[0] !== process.env.MEILI_HOST) {
      let o = "";
      try {
        o = new URL(process.env.MEILI_HOST ?? "http://127.0.0.1:7700").origin;
      } catch {
        /* no valid host: nothing to time */
      }
      host = [process.env.MEILI_HOST, o];
    }
    return host[1];
  };
  const done = (outcome: string) => (m: unknown) => {
    const request = (m as { request: UndiciRequest & object }).request;
    const t0 = started.get(request);
    if (t0 === undefined) return;
    started.delete(request);
    metrics.meiliDuration.observe({ operation: meiliOperation(request.method ?? "GET", request.path ?? ""), outcome }, (performance.now() - t0) / 1000);
  };
  subscribe("undici:request:create", (m) => {
    const request = (m as { request: UndiciRequest & object }).request;
    if (request.origin === origin()) started.set(request, performance.now());
  });
  subscribe("undici:request:trailers", done("ok"));
  subscribe("undici:request:error", done("error"));
}
