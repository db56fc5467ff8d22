// Prometheus metrics (prom-client), served by scripts/serve.ts at /metrics (decision 046).
//
// One registry per process, kept on globalThis: the server (tsx) and the Remix build (which
// bundles its own copy of this module) count into the same metrics. Every label takes values
// from a short, fixed set (route ids, method names, status codes, command names), never from
// what a client sends. Figures that need the database (mail queue, search outbox) are read when
// the metrics are scraped, at most once per SCRAPE_CACHE_MS, never per request.
import client, { type Counter, type Gauge, type Histogram, type Registry } from "prom-client";

export interface HubMetrics {
  registry: Registry;
  httpDuration: Histogram<"route" | "method" | "status">;
  meiliDuration: Histogram<"operation" | "outcome">;
  mongoDuration: Histogram<"command" | "outcome">;
  loginFailures: Counter;
  rateLimitHits: Counter<"limit">;
  syncLastSuccess: Gauge;
  pageCache: Counter<"outcome">;
}

declare global {
  // eslint-disable-next-line no-var
  var __hubMetrics: HubMetrics | undefined;
}

const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create(): HubMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route id (Remix route or a fixed name), method and status.",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    meiliDuration: new client.Histogram({
      name: "hub_meili_request_duration_seconds",
      help: "Time of a request to Meilisearch, by operation.",
      labelNames: ["operation", "outcome"],
      buckets: FAST_BUCKETS,
      registers,
    }),
    mongoDuration: new client.Histogram({
      name: "hub_mongo_command_duration_seconds",
      help: "Time of a MongoDB command as the driver saw it, by command name.",
      labelNames: ["command", "outcome"],
      buckets: FAST_BUCKETS,
      registers,
    }),
    pageCache: new client.Counter({
      name: "hub_page_cache_requests_total",
      help: "Requests of visitors without a session by what the page cache did: hit, miss (rendered and kept), skip (rendered, not kept), bypass.",
      labelNames: ["outcome"],
      registers,
    }),
    loginFailures: new client.Counter({ name: "hub_login_failures_total", help: "Log-in attempts refused for a wrong address or password.", registers }),
    rateLimitHits: new client.Counter({
      name: "hub_rate_limit_hits_total",
      help: "Attempts refused by a rate limit, by limit.",
      labelNames: ["limit"],
      registers,
    }),
    syncLastSuccess: new client.Gauge({
      name: "hub_search_sync_last_success_timestamp_seconds",
      help: "When this process's search sync worker last finished a pass without error (0: never).",
      registers,
    }),
  };
}

export const metrics: HubMetrics = (globalThis.__hubMetrics ??= create());

/** How long a figure read from the database at scrape time is reused. */
export const SCRAPE_CACHE_MS = 10_000;

/**
 * A gauge whose values are read when the metrics are scraped (`read` returns label sets and
 * values), at most once per SCRAPE_CACHE_MS; a failed read leaves the gauge empty until the next.
 * Registered once per process, whichever copy of the caller's module asks first.
 */
export function scrapeGauge<L extends string>(name: string, help: string, labelNames: L[], read: () => Promise<[Partial<Record<L, string>>, number][]>) {
  if (metrics.registry.getSingleMetric(name)) return;
  let cached: { at: number; values: Promise<[Partial<Record<L, string>>, number][]> } | null = null;
  new client.Gauge<L>({
    name,
    help,
    labelNames,
    registers: [metrics.registry],
    async collect() {
      if (!cached || Date.now() - cached.at > SCRAPE_CACHE_MS) cached = { at: Date.now(), values: read() };
      this.reset();
      try {
        for (const [labels, value] of await cached.values) this.set(labels, value);
      } catch {
        cached = null;
      }
    },
  });
}

const methods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** A method label: the standard ones as they are, anything else "other". */
export const methodLabel = (m: string) => (methods.has(m) ? m : "other");

/** The kind of a rate-limit key (`login-ip:…` → `login-ip`): the names are the code's own. */
export const rateLimitLabel = (key: string) => /^[a-z][a-z-]{0,30}(?=:)/.exec(key)?.[0] ?? "other";
