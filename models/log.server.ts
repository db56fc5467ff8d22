// Structured JSON logs (pino) and the request each line belongs to (decision 046).
//
// One logger per process: the server (scripts/serve.ts, loaded by tsx) and the Remix build (which
// bundles its own copy of this module) share the logger and the request context through
// globalThis, so a line written by a loader carries the id of the request that ran it.
// LOG_LEVEL sets the level (default info). Secrets never reach a line: the redact paths below
// cover what a caller could pass by mistake, and request paths go through redactPath first.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";

export interface RequestContext {
  /** The request id: the client's well-formed X-Request-Id, else a new UUID. */
  id: string;
  /** Something failed while serving it (a service that did not answer, an error logged): the
   *  answer may be a fallback, so it is not kept by the page cache (decision 057). */
  degraded?: boolean;
  /** What the request has looked up once for all its loaders (requestMemo). */
  memo?: Map<string, unknown>;
}

interface Shared {
  logger: Logger;
  context: AsyncLocalStorage<RequestContext>;
}

declare global {
  // eslint-disable-next-line no-var
  var __hubLog: Shared | undefined;
}

/** Field names whose values are never written, wherever they stand in a logged object. */
const SECRET_FIELDS = ["password", "newPassword", "currentPassword", "token", "secret", "cookie", "authorization", "apiKey", "masterKey", "_csrf"];

function create(): Shared {
  const context = new AsyncLocalStorage<RequestContext>();
  const logger = pino({
    level: process.env.LOG_LEVEL || "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const c = context.getStore();
      return c ? { reqId: c.id } : {};
    },
    redact: {
      paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), 'headers["set-cookie"]', '*.headers["set-cookie"]'],
      censor: "[redacted]",
    },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      // An error logged while serving a request marks the request as degraded.
      logMethod(args, method, level) {
        if (level >= 50) markIn(context);
        return method.apply(this, args);
      },
    },
  });
  return { logger, context };
}

function markIn(context: AsyncLocalStorage<RequestContext>) {
  const c = context.getStore();
  if (c) c.degraded = true;
}

const shared = (globalThis.__hubLog ??= create());

/** The process's logger; `log.child({ component: "…" })` names where a line comes from. */
export const log: Logger = shared.logger;

/** Runs `fn` (and everything it starts) as part of the request with this context. */
export function runInRequest<T>(ctx: RequestContext, fn: () => T): T {
  return shared.context.run(ctx, fn);
}

/** The request being served got a fallback answer somewhere (a service did not answer). */
export function markRequestDegraded(): void {
  markIn(shared.context);
}

/** Whether markRequestDegraded (or an error logged) happened while serving this request. */
export function requestDegraded(): boolean {
  return shared.context.getStore()?.degraded === true;
}

/**
 * `make()`, once per request being served for this key: Remix hands every loader of a page its
 * own copy of the Request, so a lookup shared by the root's loader and the route's (the signed-in
 * user) would otherwise run once per loader. Outside a request, `make()` every time.
 */
export function requestMemo<T>(key: string, make: () => T): T {
  const c = shared.context.getStore();
  if (!c) return make();
  const memo = (c.memo ??= new Map());
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return shared.context.getStore()?.id;
}

const WELL_FORMED_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A client's X-Request-Id when it is well formed (at most 64 of `A-Za-z0-9._-`), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && WELL_FORMED_ID.test(v) ? v : randomUUID();
}

/** Path segments after these prefixes are credentials (the token of a link sent by email). */
const TOKEN_PATHS = /^(\/(?:reset-password|verify-email)\/)[^/?#]+/;
/** Query parameters whose values are never logged. */
const SECRET_PARAM = /token|sig|secret|password|key|code|auth/i;

/** The request URL as it may be logged: tokens in the path and secret query values replaced. */
export function redactPath(originalUrl: string): string {
  const q = originalUrl.indexOf("?");
  const pathname = (q < 0 ? originalUrl : originalUrl.slice(0, q)).replace(TOKEN_PATHS, "$1[redacted]");
  if (q < 0) return pathname;
  const params = new URLSearchParams(originalUrl.slice(q + 1));
  const kept: string[] = [];
  for (const [k, v] of params) kept.push(`${encodeURIComponent(k)}=${SECRET_PARAM.test(k) ? "[redacted]" : encodeURIComponent(v)}`);
  return kept.length ? `${pathname}?${kept.join("&")}` : pathname;
}
