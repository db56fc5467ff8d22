// The HTTP server: express in front of the Remix build. Request ids, access log and /metrics
// (decision 046), security headers (CSP with a per-request nonce), the language cookie, the CSRF
// cookie, body size limits, static assets; a graceful shutdown on SIGTERM/SIGINT.
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import { parse as parseCookie } from "cookie";
import express from "express";
import helmet from "helmet";
import { createHmac, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { constants as zlibConstants } from "node:zlib";
import { SESSION_COOKIE, sessionCookieAttributes } from "../app/lib/session-cookie.ts";
import { supportedLanguages } from "../app/i18n/config.ts";
import { contentChanged, refreshContentVersion } from "../models/content-version.server.ts";
import { meiliHealthy } from "../search/client.server.ts";
import { log } from "../models/log.server.ts";
import { metricsEndpoint, reenterRequestContext, requestObservability, routeMatcher } from "./lib/observability.ts";
import { currentAllocator } from "./lib/allocator.mjs";
import { ROOT } from "./lib/services.ts";
import { PageCache } from "./lib/page-cache.ts";
import { onStopSignals, shutdownApp, type Draining } from "./lib/shutdown.ts";

export const MAX_BODY_BYTES = 1_000_000;
/** One attachment (20 MB, models/attachment-rules.ts) and the rest of its form. */
export const MAX_UPLOAD_BYTES = 21 * 1024 * 1024;
/** Where attachments are uploaded: the only path that takes bodies larger than MAX_BODY_BYTES. */
const UPLOAD_PATH = /^\/practices\/[a-f0-9]{24}\/attachments\/?$/;
/** An upload larger than this is cut off rather than read to its end. */
const MAX_DRAINED_BYTES = 512 * 1024 * 1024;
const supported = new Set<string>(supportedLanguages);

export type HubLoadContext = {
  nonce: string;
  csrfToken: string;
  /** The client's address: the socket peer, or X-Forwarded-For's last hop when TRUST_PROXY=1. */
  clientIp: string;
  rejected?: 404 | 405;
  /** The upload was larger than MAX_UPLOAD_BYTES: its body was read and discarded, and the
   *  upload page answers with a translated field error (scripts/serve.ts). */
  uploadTooLarge?: boolean;
};

/** The methods the hub serves; OPTIONS is answered with them, anything else gets 405. */
export const ALLOWED_METHODS = "GET, HEAD, POST";
const served = new Set(["GET", "HEAD", "POST"]);
/** Where refused requests are routed: the catch-all route renders the translated error page. */
const REFUSED_PATH = "/__refused";

/**
 * The request path, if it is one the router can take. A decoded path with a backslash, a control
 * character or a leading `//` (`/%5C`, `/%00`, `//evil`) names no page of the hub and would make
 * URL parsing in the router fail: such paths are a 404.
 */
export function routablePath(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return false;
  }
  return !/[\\\u0000-\u001f\u007f]/.test(decoded) && !decoded.startsWith("//");
}

/**
 * The CSRF token of a signed-in visitor: an HMAC of their session cookie (decision 003), so it is
 * bound to that session. Null without a session cookie (visitors get a random token).
 */
export function sessionCsrfToken(session: string | undefined): string | null {
  if (!session || session.length > 512) return null;
  return createHmac("sha256", process.env.SESSION_SECRET ?? "hub-development-secret").update(`csrf:${session}`).digest("base64url");
}

function setCsrfCookie(req: express.Request, res: express.Response, token: string) {
  res.cookie("hub_csrf", token, { path: "/", sameSite: "lax", httpOnly: true, secure: req.secure });
}

function clientIp(req: express.Request): string {
  // req.ip follows the "trust proxy" setting: X-Forwarded-For is only believed behind TRUST_PROXY=1.
  return (req.ip ?? req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}

function tooLarge(req: express.Request, res: express.Response) {
  if (!res.headersSent) res.status(413).type("text/plain").send("Payload Too Large");
  // Drain (and discard) what the client is still sending so it can read the answer; a client
  // that keeps streaming far past the limit loses the connection.
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > 16 * MAX_BODY_BYTES) req.destroy();
  });
  req.resume();
}

/** The Fetch Request for Remix, with the body already read (and size-checked) by the middleware. */
function remixRequest(req: express.Request, res: express.Response, refused: boolean): Request {
  const hostPort = (req.get("host") ?? "").split(":")[1];
  const port = hostPort && /^\d+$/.test(hostPort) ? `:${hostPort}` : "";
  const url = new URL(`${req.protocol}://${req.hostname}${port}${refused ? REFUSED_PATH : req.originalUrl}`);
  if (refused) {
    const lng = req.query.lng;
    if (typeof lng === "string" && supported.has(lng)) url.searchParams.set("lng", lng);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const method = refused ? (req.method === "HEAD" ? "HEAD" : "GET") : req.method;
  const init: RequestInit = { method, headers: createRemixHeaders(req.headers), signal: controller.signal };
  if (method !== "GET" && method !== "HEAD") init.body = new Uint8Array((res.locals.body as Buffer | undefined) ?? Buffer.alloc(0));
  return new Request(url.href, init);
}

function createRemixHeaders(requestHeaders: express.Request["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else headers.set(key, values);
  }
  return headers;
}

async function sendRemixResponse(res: express.Response, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // The route's headers win over the defaults set above (a file's own Content-Security-Policy);
  // only Set-Cookie may repeat.
  for (const [key, value] of response.headers.entries()) {
    if (key === "set-cookie") res.append(key, value);
    else res.setHeader(key, value);
  }
  if (!response.body) res.end();
  else if (/^application\/json\b/i.test(response.headers.get("Content-Type") ?? "") && response.headers.get("X-Accel-Buffering") !== "no") {
    // JSON (the read API, Remix's data requests) is complete when the loader returns: one write
    // with a Content-Length, so compression sees its size (nothing under its threshold is
    // compressed) and there is no per-chunk flush. HTML keeps streaming below, and so do
    // responses marked `X-Accel-Buffering: no` (the streamed open-data export).
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader("Content-Length", body.length);
    res.end(body);
  } else await writeReadableStreamToWritable(response.body, res);
}

/** How long the page cache waits for the services' pings before rendering instead. */
const LIVE_CHECK_MS = 1000;

/** Whether the database (read for its content version) and Meilisearch both answer now (the
 *  page cache's condition). */
async function servicesAnswer(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), LIVE_CHECK_MS)));
  const db = refreshContentVersion().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([Promise.all([db, meiliHealthy()]).then(([d, search]) => d && search), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A page from the page cache (or rendered for it), with the visitor's values in it. */
function sendPage(res: express.Response, page: { status: number; statusText: string; headers: [string, string][]; body: string }) {
  res.statusMessage = page.statusText;
  res.status(page.status);
  for (const [key, value] of page.headers) {
    if (key === "set-cookie") res.append(key, value);
    else if (key !== "content-length") res.setHeader(key, value);
  }
  const body = Buffer.from(page.body, "utf8");
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

/**
 * Compression settings, chosen by measurement (decision 016, `scripts/cpu-compression.ts`): with
 * one compressor flush per response, brotli quality 3 costs about half the CPU of quality 4 (the
 * middleware's default) for 3–4 % more bytes, and gzip level 4 (for clients without brotli) about
 * 30 % less than level 6 for 3 % more bytes. Responses under 1 KiB are sent as they are.
 */
export const COMPRESSION_OPTIONS: compression.CompressionOptions = {
  level: 4,
  threshold: 1024,
  brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3 } },
};

/**
 * The files of `public/` outside `build/`, as request paths, listed once at start-up: the static
 * middleware then only runs for them instead of looking on disk (a stat and an error object) for
 * every page request.
 */
function publicFiles(dir: string): Set<string> {
  const out = new Set<string>();
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
  } catch {
    return out;
  }
  for (const rel of entries) {
    if (rel.startsWith("build/")) continue;
    out.add(`/${rel}`);
    out.add(`/${encodeURI(rel)}`);
  }
  return out;
}

export async function createHubApp() {
  const out = process.env.HUB_BUILD_DIR ? path.resolve(ROOT, process.env.HUB_BUILD_DIR) : null;
  const buildPath = out ? path.join(out, "index.js") : path.join(ROOT, "build", "index.js");
  const assetsDir = out ? path.join(out, "public", "build") : path.join(ROOT, "public", "build");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
  const state: Draining = app.locals as Draining;
  state.draining = false;
  app.use(requestObservability(routeMatcher(build)));
  app.use((_req, res, next) => {
    if (state.draining) res.setHeader("Connection", "close");
    next();
  });
  app.use(compression(COMPRESSION_OPTIONS));
  app.use(metricsEndpoint());

  app.use((req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.nonce}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          scriptSrcAttr: ["'none'"],
        },
      },
      strictTransportSecurity: false,
      xFrameOptions: { action: "deny" },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((req, res, next) => {
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Cross-site form posts are refused when the browser says where they come from.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.headers.origin;
    if (req.headers["sec-fetch-site"] === "cross-site") {
      res.status(403).type("text/plain").send("Cross-site request refused");
      return;
    }
    if (origin && origin !== "null") {
      let host = "";
      try {
        host = new URL(origin).host;
      } catch {
        host = "";
      }
      if (host !== req.headers.host) {
        res.status(403).type("text/plain").send("Cross-site request refused");
        return;
      }
    } else if (origin === "null") {
      res.status(403).type("text/plain").send("Cross-site request refused");
      return;
    }
    next();
  });

  // ?lng= remembers the language; a CSRF cookie exists for every visitor.
  app.use((req, res, next) => {
    const lng = typeof req.query.lng === "string" ? req.query.lng : "";
    if (supported.has(lng)) res.cookie("lng", lng, { path: "/", sameSite: "lax", maxAge: 31536000000, httpOnly: false, secure: req.secure });
    const cookies = parseCookie(req.headers.cookie ?? "");
    let token = cookies.hub_csrf;
    // Signed in: the token is derived from the session, so it is good for that session only.
    const bound = sessionCsrfToken(cookies[SESSION_COOKIE]);
    if (bound ? token !== bound : !token || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) {
      token = bound ?? randomBytes(24).toString("base64url");
      setCsrfCookie(req, res, token);
      // Make it visible to this request's loaders/actions too.
      req.headers.cookie = [...(req.headers.cookie ?? "").split(/;\s*/).filter((c) => c && !c.startsWith("hub_csrf=")), `hub_csrf=${token}`].join("; ");
    }
    res.locals.csrfToken = token;
    next();
  });

  // Request bodies are read here, up to MAX_BODY_BYTES whether or not Content-Length is sent
  // (a chunked body that streams past the limit is cut off with 413, never a 500).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const upload = req.method === "POST" && UPLOAD_PATH.test(req.path);
    const limit = upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
    const declared = Number(req.headers["content-length"] ?? "0");
    if (upload && declared > MAX_DRAINED_BYTES) return tooLarge(req, res);
    if (!upload && declared > limit) return tooLarge(req, res);
    const chunks: Buffer[] = [];
    let seen = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      if (err) {
        if (!res.headersSent) res.status(400).type("text/plain").send("Bad Request");
        return;
      }
      res.locals.body = Buffer.concat(chunks);
      next();
    };
    const onData = (chunk: Buffer) => {
      if (done) return;
      seen += chunk.length;
      if (upload && seen > limit) {
        // Read to the end (so the browser sees the answer), keep nothing, and let the upload
        // page say what was wrong in the member's language.
        chunks.length = 0;
        res.locals.uploadTooLarge = true;
        if (seen > MAX_DRAINED_BYTES) {
          done = true;
          req.off("data", onData);
          req.destroy();
        }
        return;
      }
      if (seen > limit) {
        done = true;
        req.off("data", onData);
        tooLarge(req, res);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish());
    req.once("error", (e) => finish(e));
    req.once("aborted", () => finish(new Error("aborted")));
  });

  // The read API is open to any origin (no credentials): GET/HEAD with
  // Access-Control-Allow-Origin: *, and a preflight answered here, before any loader runs.
  app.use("/api/v1", (req, res, next) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.setHeader("Access-Control-Expose-Headers", "Content-Disposition");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      const asked = req.headers["access-control-request-headers"];
      res.setHeader("Access-Control-Allow-Headers", typeof asked === "string" && /^[\w, -]{1,200}$/.test(asked) ? asked : "Accept, Content-Type");
      res.setHeader("Access-Control-Max-Age", "86400");
      res.setHeader("Allow", "GET, HEAD, OPTIONS");
      res.status(204).end();
      return;
    }
    next();
  });

  const serveAssets = express.static(assetsDir, { immutable: true, maxAge: "1y" });
  app.use("/build", (req, res, next) => {
    res.locals.routeId = "build-assets";
    serveAssets(req, res, next);
  });
  const publicDir = path.join(ROOT, "public");
  const publicPaths = publicFiles(publicDir);
  const servePublic = express.static(publicDir, { maxAge: "1h" });
  app.use((req, res, next) => {
    if (!publicPaths.has(req.path)) return next();
    res.locals.routeId = "public-file";
    servePublic(req, res, next);
  });

  // Rolling session cookie: while someone keeps using the hub, the browser keeps the cookie as
  // long as the stored session (14 days after the last visit); MongoDB stays the authority on
  // whether it is valid. Responses that set the cookie themselves (login, logout) win.
  const refreshSessionCookie = (req: express.Request, res: express.Response, setCookies: string[]) => {
    const value = parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE];
    if (!value || value.length > 512 || setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))) return;
    const { maxAgeSeconds, ...attributes } = sessionCookieAttributes(req.secure);
    res.cookie(SESSION_COOKIE, value, { ...attributes, maxAge: maxAgeSeconds * 1000 });
  };
  // A response that starts or ends a session (log in, log out, a reset) changes the CSRF token
  // with it: a token from before logging in, or of another session, is then refused.
  const rebindCsrf = (req: express.Request, res: express.Response, setCookies: string[]) => {
    const set = setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!set) return;
    const raw = set.slice(SESSION_COOKIE.length + 1).split(";")[0];
    const cleared = raw === "" || /;\s*max-age=0\b/i.test(set) || /expires=thu, 01 jan 1970/i.test(set);
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      /* keep it raw */
    }
    setCsrfCookie(req, res, (!cleared && sessionCsrfToken(value)) || randomBytes(24).toString("base64url"));
  };
  const handleRequest = createRemixHandler(build, process.env.NODE_ENV);
  const pageCache = PageCache.fromEnv(process.env, servicesAnswer);
  app.use(reenterRequestContext);
  app.all("*", async (req, res, next) => {
    try {
      // Refused before routing: no loader or action of a page runs for these.
      let rejected: 404 | 405 | undefined;
      if (!served.has(req.method)) {
        res.setHeader("Allow", ALLOWED_METHODS);
        if (req.method === "OPTIONS") {
          res.status(204).end();
          return;
        }
        rejected = 405;
      } else if (!routablePath(req.path)) rejected = 404;
      const context: HubLoadContext = { nonce: res.locals.nonce, csrfToken: res.locals.csrfToken, clientIp: clientIp(req), rejected, uploadTooLarge: res.locals.uploadTooLarge === true };
      const key = rejected === undefined ? pageCache.keyOf(req) : null;
      if (key === null) {
        if (pageCache.enabled && req.method === "GET") {
          pageCache.bypassed();
          res.setHeader("X-Hub-Page-Cache", "bypass");
        }
        const response = await handleRequest(remixRequest(req, res, rejected !== undefined), context);
        // A write answered (not refused): pages rendered before it may be out of date.
        if (req.method !== "GET" && req.method !== "HEAD" && (response.status < 400 || response.status >= 500)) void contentChanged();
        const setCookies = response.headers.getSetCookie();
        refreshSessionCookie(req, res, setCookies);
        rebindCsrf(req, res, setCookies);
        await sendRemixResponse(res, response);
        return;
      }
      // A visitor without a session: the page cache (decision 057).
      const answer = await pageCache.serve(key, { nonce: context.nonce, csrfToken: context.csrfToken }, (ph) => handleRequest(remixRequest(req, res, false), { ...context, ...ph }));
      res.setHeader("X-Hub-Page-Cache", answer.outcome);
      if ("response" in answer) {
        rebindCsrf(req, res, answer.response.headers.getSetCookie());
        await sendRemixResponse(res, answer.response);
      } else {
        rebindCsrf(req, res, answer.headers.filter(([k]) => k === "set-cookie").map(([, v]) => v));
        sendPage(res, answer);
      }
    } catch (error) {
      next(error);
    }
  });
  // Last resort: never a stack trace. Client mistakes (bad encodings, malformed URLs) stay 4xx.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      if (!res.headersSent) res.status(status).type("text/plain").send(status === 413 ? "Payload Too Large" : "Bad Request");
      return;
    }
    if (err instanceof URIError) {
      if (!res.headersSent) res.status(400).type("text/plain").send("Bad Request");
      return;
    }
    log.error({ err }, "request failed");
    if (!res.headersSent) res.status(500).type("text/plain").send("Something went wrong. Please try again.");
  });
  return app;
}

export interface HubServer {
  server: Server;
  /** The graceful shutdown (scripts/lib/shutdown.ts); the caller exits afterwards. */
  shutdown(signal: string): Promise<void>;
}

export async function listen(port: number): Promise<HubServer> {
  const app = await createHubApp();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, "0.0.0.0", () => resolve(s));
    s.on("error", reject);
  });
  return { server, shutdown: (signal) => shutdownApp(server, app.locals as Draining, signal) };
}

// `tsx scripts/serve.ts` runs the server alone (used by the tests, with env set by the caller).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT ?? 3000);
  const hub = await listen(port);
  log.info({ port, allocator: currentAllocator() }, `listening on http://localhost:${port}`);
  onStopSignals(async (signal) => {
    await hub.shutdown(signal);
    return 0;
  });
}
