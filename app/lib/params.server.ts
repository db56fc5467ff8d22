// Route parameters and redirect targets, parsed once for every route: a malformed id or slug is a
// translated 404 (not a query, not a 500); a redirect target is a same-origin path or the fallback.
import type { Params } from "@remix-run/react";
import { isObjectId, isSlug } from "../../models/ids";
import { i18nFor } from "./request.server";

function notFound(request: Request): never {
  const { t } = i18nFor(request, "common");
  throw new Response(t("errors.notFound"), { status: 404 });
}

/** `params[name]` when it is an ObjectId, else a 404. */
export function idParam(request: Request, params: Params, name = "id"): string {
  const v = params[name];
  if (!isObjectId(v)) notFound(request);
  return v;
}

/** `params[name]` when it is a slug we could have issued, else a 404. */
export function slugParam(request: Request, params: Params, name = "slug"): string {
  const v = params[name];
  if (!isSlug(v)) notFound(request);
  return v;
}

const ORIGIN = "http://hub.invalid";

/**
 * A redirect target from user input, reduced to a path on this site: absolute URLs, scheme-relative
 * (`//evil`) and backslash (`/\evil`) forms, control characters and anything that would leave the
 * origin give the fallback. Non-ASCII characters come back percent-encoded, so the Location header
 * is always valid.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
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
