// The parts of the operators' view that need no server: the route label, the /metrics guard,
// what request ids are accepted, what a logged URL keeps, and the fixed label sets.
import express from "express";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { currentRequestId, redactPath, requestIdFrom } from "../../models/log.server";
import { methodLabel, rateLimitLabel } from "../../models/metrics.server";
import { meiliOperation } from "../../search/client.server";
import { metricsAccess, reenterRequestContext, requestObservability, routeMatcher } from "./observability";

describe("route label", () => {
  const routes = {
    root: { id: "root", path: "" },
    "routes/_index": { id: "routes/_index", parentId: "root", index: true },
    "routes/practices._index": { id: "routes/practices._index", parentId: "root", path: "practices", index: true },
    "routes/practices.$slug": { id: "routes/practices.$slug", parentId: "root", path: "practices/:slug" },
    "routes/api.v1.export[.json]": { id: "routes/api.v1.export[.json]", parentId: "root", path: "api/v1/export.json" },
    "routes/$": { id: "routes/$", parentId: "root", path: "*" },
  };
  const routeOf = routeMatcher({ routes } as never);
  it("is the Remix route id, never the raw path", () => {
    expect(routeOf("/")).toBe("routes/_index");
    expect(routeOf("/practices")).toBe("routes/practices._index");
    expect(routeOf("/practices/some-slug-123")).toBe("routes/practices.$slug");
    expect(routeOf("/api/v1/export.json")).toBe("routes/api.v1.export[.json]");
    expect(routeOf("/no/such/page")).toBe("routes/$");
  });
  it("is 'unmatched' for a path that cannot be decoded, with nothing on the console", () => {
    const warn = vi.spyOn(console, "warn");
    expect(routeOf("/verify-email/%E0%A4%A")).toBe("unmatched");
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
  it("is 'unmatched' where no route takes the path", () => {
    const r = routeMatcher({ routes: { root: { id: "root", path: "" }, "routes/a": { id: "routes/a", parentId: "root", path: "a" } } } as never);
    expect(r("/b")).toBe("unmatched");
  });
});

describe("/metrics guard", () => {
  it("with a token: the right bearer token only", () => {
    expect(metricsAccess("s3cret-token", { authorization: "Bearer s3cret-token", peer: "203.0.113.9" })).toBe("ok");
    expect(metricsAccess("s3cret-token", { authorization: "Bearer wrong-token!", peer: "127.0.0.1" })).toBe("unauthorized");
    expect(metricsAccess("s3cret-token", { peer: "127.0.0.1" })).toBe("unauthorized");
    expect(metricsAccess("s3cret-token", { authorization: "Basic czNjcmV0LXRva2Vu", peer: "127.0.0.1" })).toBe("unauthorized");
  });
  it("without a token: loopback clients only, and not through a proxy", () => {
    expect(metricsAccess(undefined, { peer: "127.0.0.1" })).toBe("ok");
    expect(metricsAccess(undefined, { peer: "::1" })).toBe("ok");
    expect(metricsAccess(undefined, { peer: "::ffff:127.0.0.1" })).toBe("ok");
    expect(metricsAccess(undefined, { peer: "203.0.113.9" })).toBe("hidden");
    expect(metricsAccess(undefined, { peer: "127.0.0.1", forwarded: true })).toBe("hidden");
  });
});

describe("request ids", () => {
  it("accepts a well-formed incoming id and replaces any other", () => {
    expect(requestIdFrom("abc-123_X.y")).toBe("abc-123_X.y");
    expect(requestIdFrom("a".repeat(64))).toBe("a".repeat(64));
    for (const bad of ["a".repeat(65), "", "has space", "semi;colon", "ünï", "x\r\nSet-Cookie: a=b", undefined]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(["first-id", "second"])).toBe("first-id");
  });
});

describe("logged URLs", () => {
  it("keep no token from a path or a query string", () => {
    expect(redactPath("/reset-password/abcDEF123")).toBe("/reset-password/[redacted]");
    expect(redactPath("/verify-email/abcDEF123?lng=fr")).toBe("/verify-email/[redacted]?lng=fr");
    expect(redactPath("/unsubscribe?u=42&c=mentions&token=zzz&sig=yyy")).toBe("/unsubscribe?u=42&c=mentions&token=[redacted]&sig=[redacted]");
    expect(redactPath("/search?q=remittances&page=2")).toBe("/search?q=remittances&page=2");
    expect(redactPath("/practices")).toBe("/practices");
  });
});

describe("label sets", () => {
  it("are fixed, whatever the input", () => {
    expect(methodLabel("GET")).toBe("GET");
    expect(methodLabel("PROPFIND")).toBe("other");
    expect(rateLimitLabel("login-acct:someone@example.org")).toBe("login-acct");
    expect(rateLimitLabel("post:64f0c0ffee")).toBe("post");
    expect(rateLimitLabel("no colon")).toBe("other");
    expect(meiliOperation("POST", "/indexes/test_practices/search")).toBe("search");
    expect(meiliOperation("POST", "/multi-search")).toBe("multi-search");
    expect(meiliOperation("GET", "/tasks/1234")).toBe("tasks");
    expect(meiliOperation("GET", "/indexes/x/documents?fields=id")).toBe("documents-read");
    expect(meiliOperation("POST", "/indexes/x/documents")).toBe("documents-write");
    expect(meiliOperation("PATCH", "/indexes/x/settings/filterable-attributes")).toBe("settings");
    expect(meiliOperation("GET", "/whatever/else")).toBe("other");
  });
});

describe("request context", () => {
  it("reaches the handler after a middleware that continued from the body's end event", async () => {
    const app = express();
    app.use(requestObservability(() => "test"));
    app.use((req, _res, next) => {
      req.resume();
      req.once("end", () => next()); // like the body reader of scripts/serve.ts
    });
    const seen: (string | undefined)[] = [];
    app.post("/without", (_req, res) => {
      seen.push(currentRequestId());
      res.end();
    });
    app.use(reenterRequestContext);
    app.post("/with", (_req, res) => {
      seen.push(currentRequestId());
      res.end();
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/without`, { method: "POST", body: "x=1", headers: { "X-Request-Id": "req-one" } });
      await fetch(`${base}/with`, { method: "POST", body: "x=1", headers: { "X-Request-Id": "req-two" } });
    } finally {
      server.close();
    }
    expect(seen[0]).not.toBe("req-one"); // why reenterRequestContext exists
    expect(seen[1]).toBe("req-two");
  });
});
