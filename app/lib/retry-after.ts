import type { HeadersFunction } from "@remix-run/node";

/** A route's `headers`: passes the action's Retry-After (a rate limit) on to the rendered page. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};
