// /metrics on the running hub, read with an independent parser of the Prometheus text format
// (parse-prometheus-text-format, prom2json's output): the metrics of decision 046 are there, the
// request histogram counts a request made here, labels are route ids (never raw paths), and
// every response carries a request id.
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { metrics } from "../../models/metrics.server";
import { consumeRateLimit } from "../../models/rate-limit.server";
import { Client, HUB } from "../helpers/http";
import { eventually } from "../helpers/wait";

interface Sample {
  labels?: Record<string, string>;
  value?: string;
}
interface Family {
  name: string;
  type: string;
  metrics: Sample[];
}

interface Scrape {
  families: Map<string, Family>;
  /** `<histogram>_count` samples by family: the parser flattens labelled histograms into one
   *  sample without labels (it only handles unlabelled ones), so the counts are read from a
   *  second parse in which the histograms are declared untyped. */
  counts: Map<string, Sample[]>;
}

async function scrape(): Promise<Scrape> {
  const res = await fetch(`${HUB}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const families = new Map((parsePrometheusTextFormat(text) as Family[]).map((f) => [f.name, f]));
  const untyped = text.replace(/^# TYPE (\S+) histogram$/gm, "# TYPE $1 untyped");
  const counts = new Map<string, Sample[]>();
  for (const f of parsePrometheusTextFormat(untyped) as Family[]) {
    // (one family per run of lines: a histogram's _count lines come back as many families)
    if (!f.name.endsWith("_count")) continue;
    const name = f.name.slice(0, -"_count".length);
    counts.set(name, [...(counts.get(name) ?? []), ...f.metrics]);
  }
  return { families, counts };
}

const histogramCount = (m: Scrape, name: string, match: (l: Record<string, string>) => boolean) =>
  (m.counts.get(name) ?? []).filter((s) => s.labels && match(s.labels)).reduce((n, s) => n + Number(s.value ?? 0), 0);

const requestCount = (m: Scrape, route: string, status: string) =>
  histogramCount(m, "http_request_duration_seconds", (l) => l.route === route && l.method === "GET" && l.status === status);

afterAll(async () => {
  await disconnectDb();
});

describe("/metrics", () => {
  it("has every metric of decision 046, in a format an independent parser reads", async () => {
    expect((await fetch(`${HUB}/api/v1/search?q=remittances`)).status).toBe(200);
    const scraped = await scrape();
    const m = scraped.families;
    const expected: [string, string][] = [
      ["http_request_duration_seconds", "HISTOGRAM"],
      ["hub_search_sync_lag_seconds", "GAUGE"],
      ["hub_search_outbox_entries", "GAUGE"],
      ["hub_search_sync_last_success_timestamp_seconds", "GAUGE"],
      ["hub_meili_request_duration_seconds", "HISTOGRAM"],
      ["hub_mongo_command_duration_seconds", "HISTOGRAM"],
      ["hub_mail_queue_jobs", "GAUGE"],
      ["hub_login_failures_total", "COUNTER"],
      ["hub_rate_limit_hits_total", "COUNTER"],
      ["process_resident_memory_bytes", "GAUGE"],
    ];
    for (const [name, type] of expected) {
      expect(m.get(name), name).toBeDefined();
      expect(m.get(name)!.type, name).toBe(type);
    }
    // The queue by status, read from the mailjobs collection at scrape time.
    expect(m.get("hub_mail_queue_jobs")!.metrics.map((s) => s.labels?.status).sort()).toEqual(["failed", "queued", "sending", "sent"]);
    // The app has talked to both stores by now, and its sync worker has done a pass.
    expect(histogramCount(scraped, "hub_mongo_command_duration_seconds", (l) => l.command === "find" && l.outcome === "ok")).toBeGreaterThan(0);
    expect(histogramCount(scraped, "hub_meili_request_duration_seconds", (l) => /search/.test(l.operation))).toBeGreaterThan(0);
    expect(Number(m.get("hub_search_sync_last_success_timestamp_seconds")!.metrics[0].value)).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(Number(m.get("hub_search_sync_lag_seconds")!.metrics[0].value)).toBeGreaterThanOrEqual(0);
  });

  it("counts a request in the histogram under its route id, never its path", async () => {
    const before = await scrape();
    const slug = `no-such-practice-${randomBytes(4).toString("hex")}`;
    expect((await new Client().get("/practices")).status).toBe(200);
    expect((await new Client().get(`/practices/${slug}`)).status).toBe(404);
    // A request is counted when its response has finished, which may be just after the client
    // has read it: wait for both to show.
    const after = await eventually(async () => {
      const s = await scrape();
      const listed = requestCount(s, "routes/practices._index", "200") - requestCount(before, "routes/practices._index", "200");
      const missing = requestCount(s, "routes/practices.$slug._index", "404") - requestCount(before, "routes/practices.$slug._index", "404");
      return listed >= 1 && missing >= 1 && s;
    }, 20_000, "both requests in the histogram");
    const labels = after.counts.get("http_request_duration_seconds")!.map((s) => JSON.stringify(s.labels));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.some((l) => l.includes(slug))).toBe(false);
    expect(labels.every((l) => !l.includes('"route":"/'))).toBe(true);
  });

  it("counts failed log-ins", async () => {
    const failures = async () => Number((await scrape()).families.get("hub_login_failures_total")!.metrics[0]?.value ?? 0);
    const before = await failures();
    const res = await new Client().post("/login", { email: `nobody-${randomBytes(4).toString("hex")}@example.org`, password: "not the password" });
    expect(res.status).toBe(400);
    expect((await failures()) - before).toBe(1);
  });

  it("counts rate-limit hits by the limit's name", async () => {
    // In this process (the counter is per process): a limit of 0 refuses the first attempt.
    await connectDb();
    const hits = async () => (await metrics.rateLimitHits.get()).values.find((v) => v.labels.limit === "metrics-test")?.value ?? 0;
    const before = await hits();
    expect((await consumeRateLimit(`metrics-test:${randomBytes(4).toString("hex")}`, 0, 60_000)).ok).toBe(false);
    expect(await hits()).toBe(before + 1);
  });
});

describe("request ids", () => {
  it("every answer carries one; a well-formed incoming one is kept, any other replaced", async () => {
    const own = (await fetch(`${HUB}/healthz`)).headers.get("x-request-id");
    expect(own).toMatch(/^[0-9a-f-]{36}$/);
    const mine = `test-${randomBytes(6).toString("hex")}`;
    expect((await fetch(`${HUB}/practices`, { headers: { "X-Request-Id": mine } })).headers.get("x-request-id")).toBe(mine);
    const bad = (await fetch(`${HUB}/practices`, { headers: { "X-Request-Id": "x".repeat(65) } })).headers.get("x-request-id");
    expect(bad).toMatch(/^[0-9a-f-]{36}$/);
    // static files and refused requests too
    expect((await fetch(`${HUB}/favicon.svg`)).headers.get("x-request-id")).toBeTruthy();
    expect((await fetch(`${HUB}/login`, { method: "DELETE" })).headers.get("x-request-id")).toBeTruthy();
  });
});
