import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvHeader, csvLines, exportColumns, exportRecord, exportRow, neutralizeFormula } from "./export-columns";
import type { PracticeDoc } from "./practice.server";

const ctx = { origin: "https://hub.example", licence: { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" } };
const doc = {
  _id: "0123456789abcdef01234567",
  slug: "a-practice",
  title: "+SUM(A1:A9)",
  summary: 'Line one\nline "two", with a comma',
  language: "fr",
  objectives: [3, 16],
  principles: [],
  regions: ["Africa"],
  subregions: [],
  countries: ["SN", "GH"],
  stakeholderTypes: [],
  organizations: ["@org", "Plain org"],
  partners: [],
  scope: "national",
  implementationStatus: "ongoing",
  startDate: new Date("2024-02-03T00:00:00Z"),
  endDate: null,
  publishedAt: new Date("2025-01-01T10:00:00Z"),
  updatedAt: new Date("2025-01-02T10:00:00Z"),
} as unknown as PracticeDoc;

describe("neutralizeFormula", () => {
  it("prefixes cells a spreadsheet would evaluate, and only those", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralizeFormula(s)).toBe(`'${s}`);
    for (const s of ["", "plain", " =1", "a=b", "'quoted"]) expect(neutralizeFormula(s)).toBe(s);
  });
});

describe("export rows", () => {
  it("round-trip through csv-stringify and csv-parse, lists joined, formulas neutralized", () => {
    const csv = csvHeader() + csvLines([exportRow(doc, ctx)]);
    expect(csv).toContain('"Line one\nline ""two"", with a comma"');
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row.title).toBe("'+SUM(A1:A9)");
    expect(row.summary).toBe('Line one\nline "two", with a comma');
    expect(row.objectives).toBe("3|16");
    expect(row.countries).toBe("SN|GH");
    expect(row.organizations).toBe("'@org|Plain org");
    expect(row.url).toBe("https://hub.example/practices/a-practice");
    expect(row.startDate).toBe("2024-02-03");
    expect(row.endDate).toBe("");
  });

  it("JSON records keep types: arrays, null dates, the raw title", () => {
    const r = exportRecord(doc, ctx);
    expect(Object.keys(r)).toEqual(exportColumns.map((c) => c.key));
    expect(r.title).toBe("+SUM(A1:A9)");
    expect(r.objectives).toEqual([3, 16]);
    expect(r.endDate).toBeNull();
    expect(r.licence).toBe("CC BY 4.0");
  });
});
