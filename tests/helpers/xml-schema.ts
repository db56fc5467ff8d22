// Schema validation of the hub's XML: Atom feeds against RFC 4287's RELAX NG grammar (Jing,
// Debian's `jing`), sitemaps against sitemaps.org's XML Schema (xmllint, Debian's
// `libxml2-utils`; the schema as the `sitemap` package ships it). `npm test` installs both.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

const ROOT = path.resolve(__dirname, "../..");
const ATOM_RNC = path.join(ROOT, "tests/schemas/atom.rnc");
const SITEMAP_XSD = path.join(ROOT, "node_modules/sitemap/schema/sitemap.xsd");

function withFile<T>(text: string, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "hub-xml-"));
  try {
    const file = path.join(dir, "doc.xml");
    writeFileSync(file, text);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error) throw new Error(`${cmd} is not installed (npm test installs it with apt-get): ${r.error.message}`);
  // (Debian's jing wrapper warns on stderr about optional jars; errors are on stdout.)
  return { ok: r.status === 0, output: (cmd === "jing" ? r.stdout : `${r.stdout}${r.stderr}`).trim() };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => ["entry", "author", "link"].includes(n) });
type Link = { "@rel"?: string; "@type"?: string; "@hreflang"?: string };
type Entry = { author?: unknown[]; link?: Link[]; content?: { "@src"?: string; "@type"?: string }; summary?: unknown };

/** The rules of RFC 4287 that its grammar leaves to Schematron (Appendix B's s:rule blocks). */
function atomRules(text: string): string[] {
  const errors: string[] = [];
  const feed = parser.parse(text).feed as ({ author?: unknown[]; entry?: Entry[]; link?: Link[] } | undefined);
  if (!feed) return errors;
  const entries = feed.entry ?? [];
  if (!feed.author?.length && entries.some((e) => !e.author?.length)) errors.push("an atom:feed without atom:author has an atom:entry without atom:author (RFC 4287 §4.1.1)");
  const uniqueAlternates = (links: Link[] | undefined, where: string) => {
    const seen = new Set<string>();
    for (const l of links ?? []) {
      if ((l["@rel"] ?? "alternate") !== "alternate") continue;
      const key = `${l["@type"] ?? ""}|${l["@hreflang"] ?? ""}`;
      if (seen.has(key)) errors.push(`${where} has two alternate links with the same type and hreflang (RFC 4287 §4.1.1)`);
      seen.add(key);
    }
  };
  uniqueAlternates(feed.link, "atom:feed");
  entries.forEach((e, i) => {
    uniqueAlternates(e.link, `atom:entry ${i + 1}`);
    if (!e.content && !(e.link ?? []).some((l) => (l["@rel"] ?? "alternate") === "alternate")) errors.push(`atom:entry ${i + 1} has neither atom:content nor an alternate link (RFC 4287 §4.1.2)`);
    const t = e.content?.["@type"];
    if (e.content && (e.content["@src"] || (t && !["text", "html", "xhtml"].includes(t) && !/^text\/|[+/]xml$/.test(t))) && !e.summary) errors.push(`atom:entry ${i + 1} has out-of-line or binary content without atom:summary (RFC 4287 §4.1.2)`);
  });
  return errors;
}

/** Problems of an Atom document: RELAX NG (RFC 4287 Appendix B) and its Schematron rules; [] when valid. */
export function atomErrors(text: string): string[] {
  const grammar = withFile(text, (file) => run("jing", ["-c", ATOM_RNC, file]));
  return [...(grammar.ok ? [] : grammar.output.split("\n").filter(Boolean)), ...atomRules(text)];
}

/** Problems of a sitemap (a urlset) against sitemaps.org's schema; [] when valid. */
export function sitemapErrors(text: string): string[] {
  const r = withFile(text, (file) => run("xmllint", ["--noout", "--nonet", "--schema", SITEMAP_XSD, file]));
  return r.ok ? [] : r.output.split("\n").filter((l) => l && !/ validates$/.test(l));
}
