// One parser per kind of identifier that reaches the server from a URL or a form. Anything that is
// not exactly what we issue (a 24-hex ObjectId, a slug we generate, a taxonomy number) is refused
// here, before it can become a query, a follow or a redirect.
import { Types } from "mongoose";

const OBJECT_ID = /^[a-f0-9]{24}$/i;
/** Slugs as the hub makes them: ASCII letters, digits and hyphens (what slugify() can produce). */
const SLUG = /^[a-z0-9][a-z0-9-]*$/i;

export const isObjectId = (s: unknown): s is string => typeof s === "string" && OBJECT_ID.test(s);

/** The ObjectId a string names, or null when it is not a canonical 24-hex id. */
export function parseObjectId(s: unknown): Types.ObjectId | null {
  return isObjectId(s) ? new Types.ObjectId(s) : null;
}

export const isSlug = (s: unknown, max = 200): s is string => typeof s === "string" && s.length <= max && SLUG.test(s);

/** MongoDB's duplicate-key error (a unique index refused the write). */
export const isDuplicateKey = (e: unknown) => (e as { code?: number } | null)?.code === 11000;
