// Graceful shutdown (decision 046), on a second hub of its own (its own database and index
// prefix, so its sync worker holds the lease there): on SIGTERM a request in flight is answered in
// full, new connections are refused, the sync lease is given up, and the process exits 0. The
// same hub shows its JSON log lines (request ids, no tokens) and a /metrics behind METRICS_TOKEN.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppProcess } from "../helpers/app-process";
import { eventually } from "../helpers/wait";

const tag = randomBytes(4).toString("hex");
const dbName = `hub_shutdown_${tag}`;
const indexPrefix = `shutdown_${tag}_`;
const token = randomBytes(24).toString("base64url");
const mongoUri = () => {
  const u = new URL(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27017/hub");
  u.pathname = `/${dbName}`;
  return u.toString();
};
let app: AppProcess;
let mongo: MongoClient;

beforeAll(async () => {
  mongo = new MongoClient(mongoUri(), { serverSelectionTimeoutMS: 5000 });
  await mongo.connect();
  app = await startApp({
    MONGODB_URI: mongoUri(),
    MEILI_INDEX_PREFIX: indexPrefix,
    METRICS_TOKEN: token,
    LOG_LEVEL: "info",
    HUB_SYNC_INTERVAL_MS: "200",
    HUB_SHUTDOWN_GRACE_MS: "10000",
    HUB_MAIL_WORKER: "off",
  });
}, 90_000);

afterAll(async () => {
  if (app?.child.exitCode === null) app.child.kill("SIGKILL");
  await mongo?.db(dbName).dropDatabase().catch(() => {});
  await mongo?.close();
  const host = (process.env.MEILI_HOST ?? "").replace(/\/$/, "");
  for (const base of ["practices", "threads", "reviews"]) {
    await fetch(`${host}/indexes/${indexPrefix}${base}`, { method: "DELETE", headers: { Authorization: `Bearer ${process.env.MEILI_MASTER_KEY ?? ""}` } }).catch(() => {});
  }
});

/** The JSON lines the second hub has written. */
const logLines = () =>
  app
    .stdout()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Connects; resolves with the socket, or rejects (ECONNREFUSED once the server has closed). */
const connect = (port: number) =>
  new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => resolve(s));
    s.once("error", reject);
  });

/** A chunked HTTP/1.1 body, decoded; throws when the last (empty) chunk is missing. */
function dechunk(raw: string): string {
  const out: Buffer[] = [];
  let rest = Buffer.from(raw, "utf8");
  for (;;) {
    const eol = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.subarray(0, eol).toString(), 16);
    if (size === 0) return Buffer.concat(out).toString("utf8");
    if (!(size > 0)) throw new Error("the chunked body is cut off");
    out.push(rest.subarray(eol + 2, eol + 2 + size));
    rest = rest.subarray(eol + 2 + size + 2);
  }
}

describe("the second hub's log and /metrics", () => {
  it("writes one JSON access line per request, with the request id and no token", async () => {
    const id = `shutdown-test-${tag}`;
    const secret = `tok${randomBytes(12).toString("hex")}`;
    const res = await fetch(`${app.url}/reset-password/${secret}?lng=fr`, { headers: { "X-Request-Id": id } });
    expect(res.headers.get("x-request-id")).toBe(id);
    await res.arrayBuffer();
    await fetch(`${app.url}/unsubscribe?token=${secret}&sig=${secret}`).then((r) => r.arrayBuffer());
    const line = await eventually(async () => logLines().find((l) => l.reqId === id && l.msg === "request"), 10_000, "the access line");
    expect(line).toMatchObject({ level: "info", method: "GET", path: "/reset-password/[redacted]?lng=fr", route: "routes/reset-password.$token" });
    expect(typeof line.status).toBe("number");
    expect(typeof line.ms).toBe("number");
    expect(app.stdout()).not.toContain(secret);
  });

  it("answers /metrics only with METRICS_TOKEN as a bearer token", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: "Bearer not-the-token" } })).status).toBe(401);
    const ok = await fetch(`${app.url}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE http_request_duration_seconds histogram");
  });
});

describe("graceful shutdown", () => {
  it("finishes the request in flight, refuses new connections, gives up the sync lease and exits 0", async () => {
    const pid = app.child.pid!;
    const leases = mongo.db(dbName).collection<{ _id: string; owner: string }>("searchleases");
    // its own sync worker holds the lease of its database
    await eventually(async () => (await leases.findOne({ _id: "sync" }))?.owner.includes(`:${pid}:`), 30_000, "the second hub to take the sync lease");

    // A slow client: the request has begun (half its headers sent) when SIGTERM arrives.
    const socket = await connect(app.port);
    let answer = "";
    socket.setEncoding("utf8").on("data", (s: string) => (answer += s));
    const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(`GET /?lng=fr HTTP/1.1\r\nHost: localhost:${app.port}\r\n`);
    await new Promise((r) => setTimeout(r, 200));
    app.child.kill("SIGTERM");

    // New connections are refused once the server has stopped listening.
    await eventually(async () => connect(app.port).then((s) => (s.destroy(), false), () => true), 5000, "new connections to be refused");

    // The rest of the request: it is answered in full (HTML to its end), then the connection closes.
    socket.write("Accept: text/html\r\nConnection: keep-alive\r\n\r\n");
    await ended;
    const split = answer.indexOf("\r\n\r\n");
    const head = answer.slice(0, split).toLowerCase();
    expect(head).toMatch(/^http\/1\.1 200 ok/);
    expect(head).toContain("connection: close");
    const body = head.includes("transfer-encoding: chunked") ? dechunk(answer.slice(split + 4)) : answer.slice(split + 4);
    expect(body).toMatch(/^<!DOCTYPE html>/i);
    expect(body.trimEnd()).toMatch(/<\/html>$/);

    expect(await app.exited).toBe(0);
    expect(await leases.findOne({ _id: "sync" })).toBeNull();
    const lines = logLines().map((l) => l.msg);
    expect(lines).toContain("shutting down: no new connections, finishing the requests in flight");
    expect(lines[lines.length - 1]).toBe("shut down");
  }, 60_000);
});
