// Route parameters and redirect targets, parsed once for every route: a malformed id or slug is a
// translated 404 (not a query, not a 500); a redirect target is a same-origin path or the fallback.
import type { Params } from "@remix-run/react";
import { isObjectId, isSlug } from "../../models/ids";
import { localPath } from "../../models/local-path";
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

/** A page past the end of a list is a 404; an empty first page is a page (the list is empty). */
export function requirePageInRange(request: Request, page: number, pastTheEnd: boolean): void {
  if (page > 1 && pastTheEnd) notFound(request);
}

/** A redirect target from user input, reduced to a path on this site (models/local-path.ts). */
export const safeRedirect = localPath;
