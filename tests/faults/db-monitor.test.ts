// The driver's monitor of the database is what turns a server marked "Unknown" (after any network
// error) back into a usable one. If it ever stops checking, the process must not stay cut off
// from a database that is up: models/db.server.ts notices the silence and reconnects (decision 056).
import { MongoNetworkError } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "../../models/db.server";
import { User } from "../../models/user.server";
import { eventually } from "../helpers/wait";

afterAll(() => disconnectDb());

/** The test database with a fast monitor: silence is noticed after 1 s + 0.5 s + 5 s slack. */
function fastMonitorUri() {
  const url = new URL(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27017/hub");
  url.searchParams.set("heartbeatFrequencyMS", "500");
  url.searchParams.set("connectTimeoutMS", "1000");
  return url.toString();
}

describe("the database monitor", () => {
  it("is restarted when it stops checking, and the server is usable again", async () => {
    await disconnectDb();
    const first = await connectDb(fastMonitorUri());
    const client = first.connection.getClient();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [server] = [...(client as any).topology.s.servers.values()];
    // The monitor stops (as it was seen to in CI), then a network error marks the server Unknown.
    server.monitor.monitorId.stop();
    const Description = server.description.constructor as new (address: unknown, hello: undefined, options: { error: Error }) => unknown;
    server.emit("descriptionReceived", new Description(server.description.hostAddress, undefined, { error: new MongoNetworkError("connection 80 closed") }));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((client as any).topology.description.servers.values().next().value.type).toBe("Unknown");
    // Operations fail server selection until the watchdog reconnects (after 1 + 0.5 + 5 s of
    // silence, seen every 5 s), then they work: without it they would fail for good.
    await eventually(async () => (await User.countDocuments({}).catch(() => -1)) >= 0, 30_000, "queries to work again");
  }, 45_000);
});
