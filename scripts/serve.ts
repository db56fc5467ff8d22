// The HTTP server: express in front of the Remix build. Security headers (CSP with a
// per-request nonce), the language cookie, the CSRF cookie, body size limits, static assets.
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import { parse as parseCookie } from "cookie";
import express from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./lib/services.ts";

export const MAX_BODY_BYTES = 1_000_000;
const supported = new Set(["en", "fr", "es"]);

export interface HubLoadContext {
  nonce: string;
  csrfToken: string;
}

export async function createHubApp() {
  const out = process.env.HUB_BUILD_DIR ? path.resolve(ROOT, process.env.HUB_BUILD_DIR) : null;
  const buildPath = out ? path.join(out, "index.js") : path.join(ROOT, "build", "index.js");
  const assetsDir = out ? path.join(out, "public", "build") : path.join(ROOT, "public", "build");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
  app.use(compression());

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
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((req, res, next) => {
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Request bodies: refuse oversized ones before they reach a route.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const len = Number(req.headers["content-length"] ?? "0");
    if (len > MAX_BODY_BYTES) {
      res.status(413).type("text/plain").send("Payload Too Large");
      req.resume();
      return;
    }
    let seen = 0;
    req.on("data", (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > MAX_BODY_BYTES && !res.headersSent) {
        res.status(413).type("text/plain").send("Payload Too Large");
        req.destroy();
      }
    });
    next();
  });

  // Cross-site form posts are refused when the browser says where they come from.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.headers.origin;
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
    if (!token || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) {
      token = randomBytes(24).toString("base64url");
      res.cookie("hub_csrf", token, { path: "/", sameSite: "lax", httpOnly: true, secure: req.secure });
      // Make it visible to this request's loaders/actions too.
      req.headers.cookie = `${req.headers.cookie ? req.headers.cookie + "; " : ""}hub_csrf=${token}`;
    }
    res.locals.csrfToken = token;
    next();
  });

  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (_req, res): HubLoadContext => ({ nonce: res.locals.nonce, csrfToken: res.locals.csrfToken }),
    }),
  );
  // Last resort: never a stack trace.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error(err);
    if (!res.headersSent) res.status(500).type("text/plain").send("Something went wrong. Please try again.");
  });
  return app;
}

export async function listen(port: number): Promise<Server> {
  const app = await createHubApp();
  return new Promise((resolve, reject) => {
    const server = app.listen(port, "0.0.0.0", () => resolve(server));
    server.on("error", reject);
  });
}

// `tsx scripts/serve.ts` runs the server alone (used by the tests, with env set by the caller).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT ?? 3000);
  await listen(port);
  console.log(`[hub] listening on http://localhost:${port}`);
  const stop = () => process.exit(0);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
