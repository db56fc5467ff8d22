// One mongoose connection per process. MONGODB_URI is set by scripts/start.ts and the tests.
import mongoose from "mongoose";
import { log } from "./log.server";
import { metrics } from "./metrics.server";

declare global {
  // eslint-disable-next-line no-var
  var __hubDb: Promise<typeof mongoose> | undefined;
}

mongoose.set("strictQuery", true);
// Fail fast when the database is down instead of holding requests for 10 s.
mongoose.set("bufferTimeoutMS", 4000);

/** Command names that get a label of their own in hub_mongo_command_duration_seconds. */
const COMMANDS = new Set(["find", "getMore", "aggregate", "count", "distinct", "insert", "update", "delete", "findAndModify", "createIndexes", "listIndexes", "listCollections", "ping", "killCursors", "drop", "dropDatabase", "create"]);

/** Times every command through the driver's command monitoring (monitorCommands). */
function timeCommands(m: typeof mongoose) {
  const client = m.connection.getClient();
  const observe = (outcome: string) => (e: { commandName: string; duration: number }) =>
    metrics.mongoDuration.observe({ command: COMMANDS.has(e.commandName) ? e.commandName : "other", outcome }, e.duration / 1000);
  client.on("commandSucceeded", observe("ok"));
  client.on("commandFailed", observe("error"));
}

/** Slack on top of the longest gap a working monitor leaves between heartbeat events. */
const MONITOR_SLACK_MS = 5000;

/** What the driver's monitor of each server is doing (internals, for the log only). */
function monitorState(client: ReturnType<typeof mongoose.connection.getClient>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const servers: any[] = [...((client as any).topology?.s?.servers?.values?.() ?? [])];
  return servers.map((s) => ({
    type: s.description?.type,
    error: s.description?.error?.message,
    monitor: s.monitor?.s?.state,
    interval: s.monitor?.monitorId?.toJSON?.(),
    connection: s.monitor?.connection ? { closed: s.monitor.connection.closed, socketDestroyed: s.monitor.connection.socket?.destroyed, error: s.monitor.connection.error?.message } : null,
  }));
}

/**
 * Says in the log when the database is lost and found again, and restarts a client whose
 * monitor has stopped checking. A working monitor reports a heartbeat (started, then succeeded
 * or failed) at least every connectTimeoutMS + heartbeatFrequencyMS; one that stops leaves the
 * server "Unknown" for good after the next network error, and every operation then fails server
 * selection although the database is back (seen once in CI after FerretDB was killed: eight
 * minutes of errors from one process while new ones connected; decision 056).
 */
function watchTopology(m: typeof mongoose, uri: string, socketTimeoutMS: number) {
  const client = m.connection.getClient();
  const { connectTimeoutMS = 30_000, heartbeatFrequencyMS = 10_000 } = client.options as { connectTimeoutMS?: number; heartbeatFrequencyMS?: number };
  const silenceMs = connectTimeoutMS + heartbeatFrequencyMS + MONITOR_SLACK_MS;
  let lastEvent = Date.now();
  let down = false;
  client.on("serverHeartbeatStarted", () => (lastEvent = Date.now()));
  client.on("serverHeartbeatSucceeded", () => {
    lastEvent = Date.now();
    if (down) log.info({ component: "db" }, "database reachable again");
    down = false;
  });
  client.on("serverHeartbeatFailed", (e: { failure?: Error }) => {
    lastEvent = Date.now();
    if (!down) log.warn({ component: "db", error: e.failure?.message }, "database unreachable");
    down = true;
  });
  const current = globalThis.__hubDb;
  let lastTick = Date.now();
  const timer = setInterval(() => {
    if (globalThis.__hubDb !== current) return clearInterval(timer); // disconnected meanwhile
    const now = Date.now();
    // This process itself stood still (a long synchronous task, a paused VM): the heartbeats it
    // has not seen yet are queued behind this timer, so silence proves nothing this time.
    const stalled = now - lastTick > 2 * MONITOR_SLACK_MS;
    lastTick = now;
    if (stalled) lastEvent = now;
    if (now - lastEvent < silenceMs) return;
    clearInterval(timer);
    log.error({ component: "db", silentMs: now - lastEvent, servers: monitorState(client) }, "database monitor stopped checking; reconnecting");
    // Requests meanwhile wait for the new client rather than open one beside the closing one.
    // (A close that hangs on the stuck client is not waited for beyond a few seconds.)
    const closed = Promise.race([m.connection.close().catch(() => undefined), new Promise((r) => setTimeout(r, MONITOR_SLACK_MS).unref())]);
    const reconnect = closed.then(() => {
      globalThis.__hubDb = undefined;
      return connectDb(uri, { socketTimeoutMS });
    });
    globalThis.__hubDb = reconnect;
    reconnect.catch((e: unknown) => log.error({ component: "db", err: e }, "database reconnect failed; the next request tries again"));
  }, MONITOR_SLACK_MS);
  timer.unref();
}

/**
 * How long one command may go without an answer, and a connection take to open: a database that
 * hangs (a paused VM, a stalled disk, a SIGSTOPped FerretDB) fails the requests waiting on it
 * with a 503 instead of holding them, and every connection of the pool, until it resumes. No
 * command a request sends takes seconds (the slowest, the admin overview's exact count at 10,000
 * practices, ~1.6 s). Batch scripts (seed, restore, benchmarks) write hundreds of documents per
 * command and wait longer (connectBatchDb). A MONGODB_URI that sets either option keeps its own
 * value.
 */
export const DB_SOCKET_TIMEOUT_MS = 15_000;
const BATCH_SOCKET_TIMEOUT_MS = 300_000;
export const DB_CONNECT_TIMEOUT_MS = 5000;

function waitBounds(uri: string, socketTimeoutMS: number): { socketTimeoutMS?: number; connectTimeoutMS?: number } {
  const query = (uri.split("?")[1] ?? "").toLowerCase();
  return {
    ...(query.includes("sockettimeoutms=") ? {} : { socketTimeoutMS }),
    ...(query.includes("connecttimeoutms=") ? {} : { connectTimeoutMS: DB_CONNECT_TIMEOUT_MS }),
  };
}

/** The process's connection (opened on first use). `socketTimeoutMS`: how long one command may
 *  wait for its answer. */
export function connectDb(uri = process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27017/hub", { socketTimeoutMS = DB_SOCKET_TIMEOUT_MS } = {}): Promise<typeof mongoose> {
  if (!globalThis.__hubDb) {
    globalThis.__hubDb = mongoose
      .connect(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true, monitorCommands: true, ...waitBounds(uri, socketTimeoutMS) })
      .then((m) => {
        timeCommands(m);
        watchTopology(m, uri, socketTimeoutMS);
        return m;
      })
      .catch((e) => {
        globalThis.__hubDb = undefined;
        throw e;
      });
  }
  return globalThis.__hubDb;
}

/** The connection of a batch script (seed, backup and restore, reindex, the benchmarks' seeding):
 *  one command may write hundreds of documents, so it may wait minutes for its answer. */
export function connectBatchDb(uri?: string): Promise<typeof mongoose> {
  return connectDb(uri, { socketTimeoutMS: BATCH_SOCKET_TIMEOUT_MS });
}

export async function disconnectDb() {
  if (globalThis.__hubDb) {
    globalThis.__hubDb = undefined;
    await mongoose.disconnect();
  }
}

export async function mongoHealthy(): Promise<boolean> {
  try {
    const m = await connectDb();
    await m.connection.db!.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

export { mongoose };
