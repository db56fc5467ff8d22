// One-shot scripts (seed, reindex, user:create): start or reuse the services, connect, run the
// work, always disconnect and stop what was started, and exit 0 or 1 with a one-line message.
import { connectBatchDb, disconnectDb } from "../../models/db.server.ts";
import { applyServiceEnv } from "./env.ts";
import { defaultServiceOptions, startServices } from "./services.ts";

export async function runWithServices(name: string, work: () => Promise<void>): Promise<never> {
  const opts = defaultServiceOptions();
  const services = await startServices(opts);
  applyServiceEnv(services, opts.dataDir);
  let code = 0;
  try {
    await connectBatchDb(services.mongoUri);
    await work();
  } catch (e) {
    console.error(`[${name}] failed: ${(e as Error).message}`);
    code = 1;
  } finally {
    await disconnectDb();
    await services.stop();
  }
  process.exit(code);
}
