// `npm run services`: start MongoDB-compatible store + Meilisearch and keep them up until Ctrl-C.
import { defaultServiceOptions, ServiceError, startServices } from "./lib/services.ts";

try {
  const services = await startServices(defaultServiceOptions());
  console.log("[services] ready; Ctrl-C stops them.");
  const shutdown = async () => {
    await services.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
} catch (e) {
  console.error(`[services] ${e instanceof ServiceError ? e.message : String(e)}`);
  process.exit(1);
}
