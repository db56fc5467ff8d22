// A link or redirect target from stored or user input, reduced to a path on this site. Pure: the
// models use it for the links they store and hand out, the routes for redirect targets.
const ORIGIN = "http://hub.invalid";

/**
 * A redirect target from user input, reduced to a path on this site: absolute URLs, scheme-relative
 * (`//evil`) and backslash (`/\evil`) forms, control characters and anything that would leave the
 * origin give the fallback. Non-ASCII characters come back percent-encoded, so the Location header
 * is always valid.
 */
export function localPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to) || to.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}
