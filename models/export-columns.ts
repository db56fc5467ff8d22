// The columns of the open-data export (/api/v1/export.csv and .json), defined once: the CSV
// header, the JSON keys, and the documentation on the /api page all come from this list.
// To add a column (SDG targets, evidence level, call…), append an entry here and its
// description under `api.columns.<key>` in locales/{en,fr,es}/api.json.
import { stringify } from "csv-stringify/sync";
import type { PracticeDoc } from "./practice.server";
import type { DataLicence } from "./settings.server";

export type ExportValue = string | number | null | readonly (string | number)[];

export interface ExportContext {
  /** The public origin, e.g. https://hub.example.org (no trailing slash). */
  origin: string;
  licence: DataLicence;
}

export interface ExportColumn {
  key: string;
  /** "list" values are arrays in JSON and `|`-separated in CSV. */
  kind: "text" | "number" | "date" | "url" | "list";
  value: (p: PracticeDoc, ctx: ExportContext) => ExportValue;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const day = (d: Date | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : null);

export const exportColumns: readonly ExportColumn[] = [
  { key: "id", kind: "text", value: (p) => String(p._id) },
  { key: "slug", kind: "text", value: (p) => p.slug },
  { key: "url", kind: "url", value: (p, c) => `${c.origin}/practices/${p.slug}` },
  { key: "title", kind: "text", value: (p) => p.title },
  { key: "summary", kind: "text", value: (p) => p.summary ?? "" },
  { key: "language", kind: "text", value: (p) => p.language },
  { key: "objectives", kind: "list", value: (p) => p.objectives ?? [] },
  { key: "principles", kind: "list", value: (p) => p.principles ?? [] },
  { key: "regions", kind: "list", value: (p) => p.regions ?? [] },
  { key: "subregions", kind: "list", value: (p) => p.subregions ?? [] },
  { key: "countries", kind: "list", value: (p) => p.countries ?? [] },
  { key: "stakeholderTypes", kind: "list", value: (p) => p.stakeholderTypes ?? [] },
  { key: "organizations", kind: "list", value: (p) => p.organizations ?? [] },
  { key: "partners", kind: "list", value: (p) => p.partners ?? [] },
  { key: "scope", kind: "text", value: (p) => p.scope ?? "" },
  { key: "implementationStatus", kind: "text", value: (p) => p.implementationStatus ?? "" },
  { key: "startDate", kind: "date", value: (p) => day(p.startDate) },
  { key: "endDate", kind: "date", value: (p) => day(p.endDate) },
  { key: "publishedAt", kind: "date", value: (p) => iso(p.publishedAt) },
  { key: "updatedAt", kind: "date", value: (p) => iso(p.updatedAt) },
  { key: "sdgTargets", kind: "list", value: (p) => p.sdgTargets ?? [] },
  { key: "evidenceLevel", kind: "text", value: (p) => p.evidenceLevel ?? "not-assessed" },
  { key: "evaluationUrl", kind: "url", value: (p) => p.evaluationUrl || null },
  { key: "callId", kind: "text", value: (p) => (p.callId ? String(p.callId) : null) },
  { key: "licence", kind: "text", value: (_p, c) => c.licence.name },
  { key: "licenceUrl", kind: "url", value: (_p, c) => c.licence.url },
];

/** The fields of the practice document the columns read (the export's projection). */
export const exportProjection =
  "slug title summary language objectives principles regions subregions countries stakeholderTypes organizations partners scope implementationStatus startDate endDate publishedAt updatedAt sdgTargets evidenceLevel evaluationUrl callId";

/** One practice as a JSON export record. */
export function exportRecord(p: PracticeDoc, ctx: ExportContext, columns = exportColumns): Record<string, ExportValue> {
  return Object.fromEntries(columns.map((c) => [c.key, c.value(p, ctx)]));
}

/**
 * A spreadsheet reads a cell beginning with = + - @ (or a tab / carriage return) as a formula:
 * such cells get a leading apostrophe (OWASP "CSV injection").
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One practice as a CSV row (strings, in column order). */
export function exportRow(p: PracticeDoc, ctx: ExportContext, columns = exportColumns): string[] {
  return columns.map((c) => {
    const v = c.value(p, ctx);
    const s = v === null ? "" : Array.isArray(v) ? v.join("|") : String(v);
    return neutralizeFormula(s);
  });
}

/** CSV lines (RFC 4180: CRLF, quotes doubled; any field with a quote, CR or LF quoted, as are those with a comma). */
export function csvLines(rows: string[][]): string {
  return stringify(rows, { record_delimiter: "\r\n", quoted_match: /[\r\n"]/ });
}

/** The CSV header line. */
export const csvHeader = () => csvLines([exportColumns.map((c) => c.key)]);
