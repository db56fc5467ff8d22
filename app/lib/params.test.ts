import { describe, expect, it } from "vitest";
import { isObjectId, isSlug, parseObjectId } from "../../models/ids";
import { routablePath } from "../../scripts/serve";
import { idParam, safeRedirect, slugParam } from "./params.server";

describe("redirect targets", () => {
  it("keep same-origin paths, query and hash", () => {
    expect(safeRedirect("/threads/abc?page=2#reply")).toBe("/threads/abc?page=2#reply");
  });
  it("percent-encode characters a Location header cannot carry", () => {
    expect(safeRedirect("/\u3000")).toBe("/%E3%80%80");
    expect(safeRedirect("/pa\u00edses")).toBe("/pa%C3%ADses");
  });
  it("refuse anything that leaves the site", () => {
    for (const evil of ["//evil.example", "/\\evil.example", "/\\/evil.example", "https://evil.example", "javascript:alert(1)", "evil", "/\tevil", "/%0d%0aSet-Cookie:x", "", null, undefined, 42]) {
      const out = safeRedirect(evil as string, "/fallback");
      expect(out === "/fallback" || (out.startsWith("/") && !out.startsWith("//")), String(evil)).toBe(true);
      expect(new URL(out, "http://hub.test").host).toBe("hub.test");
    }
    expect(safeRedirect("//evil.example", "/x")).toBe("/x");
    expect(safeRedirect("/\\evil.example", "/x")).toBe("/x");
  });
});

describe("ids and slugs", () => {
  it("accept only what the hub issues", () => {
    expect(isObjectId("64b7f0c2a1b2c3d4e5f60718")).toBe(true);
    for (const bad of ["64b7f0c2a1b2c3d4e5f6071", "zzzzzzzzzzzzzzzzzzzzzzzz", "{\"$ne\":1}", "aaaaaaaaaaaa", "", 5]) expect(isObjectId(bad)).toBe(false);
    expect(parseObjectId("nope")).toBeNull();
    expect(isSlug("community-health-workers-2")).toBe(true);
    for (const bad of ["", "-x", "a b", "a/b", "é", "x".repeat(201), "../etc"]) expect(isSlug(bad)).toBe(false);
  });
  it("answer a malformed route parameter with a 404", async () => {
    const req = new Request("http://hub.test/threads/x");
    expect(idParam(req, { id: "64b7f0c2a1b2c3d4e5f60718" })).toBe("64b7f0c2a1b2c3d4e5f60718");
    for (const bad of ["x", "' OR 1=1", undefined]) {
      let thrown: unknown;
      try {
        idParam(req, { id: bad });
      } catch (e) {
        thrown = e;
      }
      expect((thrown as Response).status).toBe(404);
    }
    expect(() => slugParam(req, { slug: "<script>" })).toThrow();
  });
});

describe("routable paths", () => {
  it("refuse backslashes, control characters, leading // and broken escapes", () => {
    expect(routablePath("/practices/some-slug")).toBe(true);
    expect(routablePath("/search")).toBe(true);
    for (const bad of ["/%5C", "/\\", "/a%00b", "//evil", "/%2F%2Fevil", "/%E0%A4%A", "/%0A"]) expect(routablePath(bad), bad).toBe(false);
  });
});
