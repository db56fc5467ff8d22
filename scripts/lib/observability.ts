// What scripts/serve.ts adds for operators (decision 046): a request id on every request (and on
// every log line written while serving it), one access-log line per request, the request
// latency histogram by route id, and /metrics for Prometheus.
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import type express from "express";
import { timingSafeEqual } from "node:crypto";
import { log, redactPath, requestIdFrom, runInRequest, type RequestContext } from "../../models/log.server.ts";
import { methodLabel, metrics } from "../../models/metrics.server.ts";

type RouteNode = AgnosticRouteObject & { id: string };

/**
 * The Remix route that answers a path, by its id (`routes/practices.$slug`): the label of the
 * request histogram, so its cardinality is the number of routes, whatever paths clients send.
 * Paths no route takes are "unmatched".
 */
export function routeMatcher(build: Pick<ServerBuild, "routes">): (pathname: string) => string {
  const children = new Map<string | undefined, RouteNode[]>();
  for (const r of Object.values(build.routes)) {
    const node = { id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive } as RouteNode;
    children.set(r.parentId, [...(children.get(r.parentId) ?? []), node]);
  }
  const tree = (parent: string | undefined): RouteNode[] =>
    (children.get(parent) ?? []).map((n) => (n.index ? n : ({ ...n, children: tree(n.id) } as RouteNode)));
  const routes = tree(undefined);
  return (pathname) => {
    // (matchRoutes warns on the console, path included, about a path it cannot decode)
    try {
      decodeURIComponent(pathname);
    } catch {
      return "unmatched";
    }
    const matches = matchRoutes(routes, pathname);
    return (matches?.[matches.length - 1]?.route as RouteNode | undefined)?.id ?? "unmatched";
  };
}

/**
 * First middleware: the request id (X-Request-Id in, and out), the request context every log line
 * of the request reads it from, and on completion the access-log line and the histogram.
 * `routeOf` names the route for the histogram; `res.locals.routeId`, when a later middleware sets
 * it (static files, /metrics), wins.
 */
export function requestObservability(routeOf: (pathname: string) => string): express.RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = requestIdFrom(req.headers["x-request-id"]);
    res.setHeader("X-Request-Id", id);
    res.once("close", () => {
      const seconds = (performance.now() - started) / 1000;
      const route = (res.locals.routeId as string | undefined) ?? routeOf(req.path);
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      metrics.httpDuration.observe({ route, method: methodLabel(req.method), status: String(status) }, seconds);
      const line = { reqId: id, method: req.method, path: redactPath(req.originalUrl), route, status, ms: Math.round(seconds * 10_000) / 10 };
      if (status >= 500) log.warn(line, "request");
      else log.info(line, "request");
    });
    res.locals.requestId = id;
    const ctx: RequestContext = { id };
    res.locals.requestContext = ctx;
    runInRequest(ctx, next);
  };
}

/**
 * The request context again, for the middleware after one that continued from an event (the body
 * reader calls `next` from the request's "end" event, which runs outside the context).
 */
export const reenterRequestContext: express.RequestHandler = (_req, res, next) => {
  const ctx = res.locals.requestContext as RequestContext | undefined;
  if (ctx) runInRequest(ctx, next);
  else next();
};

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export type MetricsAccess = "ok" | "unauthorized" | "hidden";

/**
 * Who may read /metrics. With METRICS_TOKEN set: whoever sends `Authorization: Bearer <token>`
 * (else 401). Without it: clients on the loopback interface only, and only when the request did
 * not come through a proxy (a proxy on the same machine would make every client look local);
 * anyone else gets a 404, as if there were no such page.
 */
export function metricsAccess(token: string | undefined, h: { authorization?: string; forwarded?: boolean; peer?: string }): MetricsAccess {
  if (token) {
    const given = Buffer.from(/^Bearer (.+)$/.exec(h.authorization ?? "")?.[1] ?? "");
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want) ? "ok" : "unauthorized";
  }
  return !h.forwarded && LOOPBACK.has(h.peer ?? "") ? "ok" : "hidden";
}

/** GET /metrics, answered before Remix (no session, no page work). */
export function metricsEndpoint(): express.RequestHandler {
  return async (req, res, next) => {
    if (req.path !== "/metrics") return next();
    res.locals.routeId = "metrics";
    const access = metricsAccess(process.env.METRICS_TOKEN || undefined, {
      authorization: req.headers.authorization,
      forwarded: req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined,
      peer: req.socket.remoteAddress,
    });
    if (access === "hidden") return next(); // the ordinary 404 page
    res.setHeader("Cache-Control", "no-store");
    if (access === "unauthorized") {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      res.status(401).type("text/plain").send("Unauthorized");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      res.status(405).type("text/plain").send("Method Not Allowed");
      return;
    }
    try {
      const body = await metrics.registry.metrics();
      res.status(200).setHeader("Content-Type", metrics.registry.contentType);
      res.end(body);
    } catch (e) {
      next(e);
    }
  };
}
