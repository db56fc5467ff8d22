// One mongoose connection per process. MONGODB_URI is set by scripts/start.ts and the tests.
import mongoose from "mongoose";
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

export function connectDb(uri = process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27017/hub"): Promise<typeof mongoose> {
  if (!globalThis.__hubDb) {
    globalThis.__hubDb = mongoose
      .connect(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true, monitorCommands: true })
      .then((m) => {
        timeCommands(m);
        return m;
      })
      .catch((e) => {
        globalThis.__hubDb = undefined;
        throw e;
      });
  }
  return globalThis.__hubDb;
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
