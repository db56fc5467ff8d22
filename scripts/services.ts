// `npm run services`: start MongoDB-compatible store + Meilisearch and keep them up until Ctrl-C.
import { defaultServiceOptions, ServiceError, startServices } from "./lib/services.ts";

try {
  const services = await startServices(defaultServiceOptions());
  const shutdown = async () => {
    await services.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  // Announced only once a signal stops them cleanly: whoever waits for this line may send one
  // at once (on Linux the write to a pipe is synchronous, the reader can act before we go on).
  console.log("[services] ready; Ctrl-C stops them.");
} catch (e) {
  console.error(`[services] ${e instanceof ServiceError ? e.message : String(e)}`);
  process.exit(1);
}
