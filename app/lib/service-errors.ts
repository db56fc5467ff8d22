// Recognizes "a backing service is down" errors, so pages answer 503 with a translated
// notice instead of a 500.
const names = new Set([
  "MongoServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
  "MongooseServerSelectionError",
  "MeiliSearchCommunicationError",
  "MeilisearchRequestError",
  "MeiliSearchTimeOutError",
]);
const messages = /ECONNREFUSED|ECONNRESET|buffering timed out|Server selection timed out|connection .* closed|Client must be connected|Topology is closed/i;

export function isServiceDown(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { name?: string; message?: string; cause?: unknown };
  if (e.name && names.has(e.name)) return true;
  if (typeof e.message === "string" && messages.test(e.message)) return true;
  return e.cause ? isServiceDown(e.cause) : false;
}
