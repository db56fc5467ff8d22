// Layers point one way: app/ may import models/ and search/, never the reverse (issue 11).
// Scans every source file under models/ and search/ (tests beside the code included) and
// fails on any import, re-export or dynamic import that resolves into app/.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

const specifierPatterns = [
  /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** The specifiers in `code` that reach into app/ from a file at `file`. */
export function importsIntoApp(file: string, code: string): string[] {
  const found: string[] = [];
  for (const re of specifierPatterns) {
    for (const m of code.matchAll(re)) {
      const spec = m[1];
      if (spec.startsWith("~/")) found.push(spec);
      else if (spec.startsWith(".")) {
        const target = path.resolve(path.dirname(file), spec);
        if (target === APP || target.startsWith(APP + path.sep)) found.push(spec);
      }
    }
  }
  return found;
}

describe("layers", () => {
  it("recognises an import into app/ in every form it can take (the scanner itself)", () => {
    const file = path.join(ROOT, "models", "rich-text", "x.server.ts");
    const code = [
      `import { can } from "../../app/lib/permissions";`,
      `import type { RichText } from '../../app/editor/rich-text.server';`,
      `export * from "../../app/models.server";`,
      `export { a } from "~/lib/a";`,
      `const m = await import("../../app/lib/b");`,
      `import "../../app/c";`,
      `import { ok } from "../permissions";`,
      `import { Schema } from "mongoose";`,
      `import { x } from "../../search/outbox.server";`,
    ].join("\n");
    expect(importsIntoApp(file, code)).toEqual([
      "../../app/lib/permissions",
      "../../app/editor/rich-text.server",
      "../../app/c",
      "../../app/models.server",
      "~/lib/a",
      "../../app/lib/b",
    ]);
  });

  it("models/ and search/ import nothing from app/", () => {
    const files = [...sources(path.join(ROOT, "models")), ...sources(path.join(ROOT, "search"))];
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((f) => importsIntoApp(f, readFileSync(f, "utf8")).map((s) => `${path.relative(ROOT, f)} → ${s}`));
    expect(offending).toEqual([]);
  });
});
