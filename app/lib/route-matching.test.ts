// The router's matchers are cached per path and flags, and ranked branches per route tree
// (patches/npm/@remix-run+router+1.23.3.patch, decision 053): matching must stay what it was —
// the flags are part of the key, params are fresh per match, a tree matches the same each time.
import { describe, expect, it } from "vitest";
import { matchPath, matchRoutes } from "@remix-run/router";

describe("route matching with the router's caches", () => {
  it("a path compiled once keeps its flags apart: end, case sensitivity", () => {
    expect(matchPath({ path: "/spaces", end: false }, "/spaces/open")).not.toBeNull();
    expect(matchPath({ path: "/spaces", end: true }, "/spaces/open")).toBeNull();
    expect(matchPath({ path: "/spaces", end: false }, "/spaces/open")).not.toBeNull();
    expect(matchPath({ path: "/Spaces", caseSensitive: true }, "/spaces")).toBeNull();
    expect(matchPath({ path: "/Spaces", caseSensitive: false }, "/spaces")).not.toBeNull();
    expect(matchPath({ path: "/Spaces", caseSensitive: true }, "/Spaces")).not.toBeNull();
  });

  it("params are the match's own, never shared between matches", () => {
    const a = matchPath("/practices/:slug", "/practices/first")!;
    const b = matchPath("/practices/:slug", "/practices/second")!;
    expect(a.params).toEqual({ slug: "first" });
    expect(b.params).toEqual({ slug: "second" });
    (a.params as Record<string, string>).slug = "changed";
    expect(matchPath("/practices/:slug", "/practices/third")!.params).toEqual({ slug: "third" });
    expect(matchPath("/files/*", "/files/a/b.pdf")!.params).toEqual({ "*": "a/b.pdf" });
    expect(matchPath("/calls/:slug?", "/calls")!.params).toEqual({ slug: undefined });
  });

  it("one route tree matches the same, by rank, however often and in whatever order it is asked", () => {
    const routes = [
      { id: "root", path: "/", children: [
        { id: "index", index: true },
        { id: "practices", path: "practices" },
        { id: "practice", path: "practices/:slug" },
        { id: "new", path: "practices/new" },
        { id: "splat", path: "*" },
      ] },
    ];
    const ids = (p: string) => matchRoutes(routes, p)?.map((m) => m.route.id) ?? null;
    for (let i = 0; i < 3; i++) {
      expect(ids("/practices/new")).toEqual(["root", "new"]);
      expect(ids("/practices/x")).toEqual(["root", "practice"]);
      expect(ids("/")).toEqual(["root", "index"]);
      expect(ids("/nowhere/at/all")).toEqual(["root", "splat"]);
    }
    // Another tree with the same paths is ranked on its own.
    const other = [{ id: "only", path: "/practices/:slug" }];
    expect(matchRoutes(other, "/practices/new")?.map((m) => m.route.id)).toEqual(["only"]);
    expect(ids("/practices/new")).toEqual(["root", "new"]);
  });
});
