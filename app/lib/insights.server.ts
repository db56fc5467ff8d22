// Reads /insights and /insights.csv parameters and turns the coverage matrix into what the page
// and the CSV show: translated labels, links into /search with exactly the cell's filters, and
// the gaps (no practice) and thin cells (at most THIN_AT_MOST practices).
import { emptyFilters, parseQuery, type Filters } from "../../models/filters.server";
import { countryOptions } from "../../models/geo.server";
import { objectiveKey, principleKey, regionKey, stakeholderKey, stakeholderTypes, contentLanguages } from "../../models/taxonomy";
import { evidenceKey, evidenceLevels, sdgTargetTitle } from "../../models/practice-evidence";
import { coverageMatrix, insightAxes, isInsightAxis, THIN_AT_MOST, type InsightAxis, type InsightsMatrix } from "../../search/insights.server";

type T = (key: string, opts?: Record<string, unknown>) => string;

export const insightFilterKeys = ["country", "stakeholderType", "lang", "evidence"] as const;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export interface InsightsParams {
  axis: InsightAxis;
  filters: Filters;
  from: number | null;
  to: number | null;
  trend: number | null;
  /** Parameters that were refused (unknown name or value). */
  invalid: string[];
}

const yearOf = (raw: string | null) => (raw && /^\d{4}$/.test(raw) && Number(raw) >= MIN_YEAR && Number(raw) <= MAX_YEAR ? Number(raw) : null);

export function parseInsightsParams(params: URLSearchParams): InsightsParams {
  const parsed = parseQuery(params, { keys: insightFilterKeys, extra: ["axis", "from", "to", "trend"] });
  const invalid = new Set(parsed.invalid);
  const rawAxis = params.get("axis");
  const axis: InsightAxis = rawAxis === null || rawAxis === "" ? "region" : isInsightAxis(rawAxis) ? rawAxis : (invalid.add("axis"), "region");
  const check = (name: string) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return null;
    const y = yearOf(raw);
    if (y === null) invalid.add(name);
    return y;
  };
  let from = check("from");
  let to = check("to");
  if (from !== null && to !== null && from > to) {
    invalid.add("from");
    invalid.add("to");
    from = to = null;
  }
  const filters = { ...parsed.filters };
  if (from !== null || to !== null) {
    const lo = from ?? MIN_YEAR;
    const hi = to ?? new Date().getUTCFullYear();
    filters.year = Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
  }
  const rawTrend = params.get("trend");
  let trend: number | null = null;
  if (rawTrend) {
    if (/^\d{1,2}$/.test(rawTrend) && Number(rawTrend) >= 1 && Number(rawTrend) <= 23) trend = Number(rawTrend);
    else invalid.add("trend");
  }
  return { axis, filters, from, to, trend, invalid: [...invalid] };
}

/** The query string of a set of filters, in the names /search understands. */
export function filterQuery(filters: Filters, extra: Record<string, string | number> = {}): string {
  const p = new URLSearchParams();
  p.set("type", "practice");
  for (const [k, v] of Object.entries(extra)) p.append(k, String(v));
  for (const key of ["objective", "principle", "region", "country", "stakeholderType", "lang", "year", "sdg", "evidence"] as const) {
    for (const v of filters[key] as (string | number)[]) if (!(key in extra && String(extra[key]) === String(v))) p.append(key, String(v));
  }
  return p.toString();
}

export type CellKind = "gap" | "thin" | "covered";
export const cellKind = (n: number): CellKind => (n === 0 ? "gap" : n <= THIN_AT_MOST ? "thin" : "covered");

function columnLabel(axis: InsightAxis, value: string, t: T): string {
  if (axis === "region") return t(regionKey(value), { ns: "taxonomy" });
  if (axis === "principle") return t(principleKey(value), { ns: "taxonomy" });
  if (axis === "stakeholderType") return t(stakeholderKey(value), { ns: "taxonomy" });
  if (axis === "sdg") return value;
  return value;
}

/** The matrix as the page shows it. */
export async function insightsView(p: InsightsParams, t: T, locale: string) {
  const matrix: InsightsMatrix = await coverageMatrix({ axis: p.axis, filters: p.filters });
  const filterKey = insightAxes[p.axis].filterKey;
  const columns = matrix.columns.map((value, i) => ({
    value,
    label: columnLabel(p.axis, value, t),
    title: p.axis === "sdg" ? sdgTargetTitle(value, locale) : "",
    total: matrix.columnTotals[i],
  }));
  const rows = matrix.rows.map((r) => ({
    objective: r.objective,
    label: t(objectiveKey(r.objective), { ns: "taxonomy" }),
    total: r.total,
    totalHref: `/search?${filterQuery(p.filters, { objective: r.objective })}`,
    cells: r.cells.map((count, i) => ({
      count,
      kind: cellKind(count),
      href: `/search?${filterQuery({ ...p.filters, [filterKey]: [] }, { objective: r.objective, [filterKey]: matrix.columns[i] })}`,
    })),
  }));
  const gaps = rows
    .map((r) => ({
      objective: r.objective,
      label: r.label,
      missing: r.cells.flatMap((c, i) => (c.kind === "gap" ? [{ value: columns[i].value, label: columns[i].label }] : [])),
      thin: r.cells.flatMap((c, i) => (c.kind === "thin" ? [{ value: columns[i].value, label: columns[i].label }] : [])),
    }))
    .filter((g) => g.missing.length || g.thin.length);
  const trendObjective = p.trend;
  const trendYears = trendObjective ? matrix.rows[trendObjective - 1].years : matrix.years;
  const years = Object.keys(trendYears).map(Number).sort((a, b) => a - b);
  const trend = years.length ? Array.from({ length: years.at(-1)! - years[0] + 1 }, (_, i) => ({ year: years[0] + i, count: trendYears[String(years[0] + i)] ?? 0 })) : [];
  return {
    source: matrix.source,
    axis: p.axis,
    axisFilterKey: filterKey,
    total: matrix.total,
    columns,
    rows,
    gaps,
    trend,
    trendObjective,
    thinAtMost: THIN_AT_MOST,
    options: {
      countries: countryOptions(locale).map((c) => ({ value: c.code, label: c.name })),
      stakeholderTypes: stakeholderTypes.map((s) => ({ value: s, label: t(stakeholderKey(s), { ns: "taxonomy" }) })),
      languages: contentLanguages.map((l) => ({ value: l, label: t(`language.${l}`, { ns: "common" }) })),
      evidence: evidenceLevels.map((l) => ({ value: l, label: t(evidenceKey(l), { ns: "practices" }) })),
    },
    chosen: {
      country: p.filters.country,
      stakeholderType: p.filters.stakeholderType,
      lang: p.filters.lang,
      evidence: p.filters.evidence,
      from: p.from,
      to: p.to,
    },
  };
}
export type InsightsView = Awaited<ReturnType<typeof insightsView>>;

/** The matrix as a CSV table (header row, one row per objective, the column totals last). */
export function insightsCsvRows(v: InsightsView, t: T): string[][] {
  return [
    [t("csv.objective"), ...v.columns.map((c) => c.label), t("csv.total")],
    ...v.rows.map((r) => [`${r.objective}. ${r.label}`, ...r.cells.map((c) => String(c.count)), String(r.total)]),
    [t("csv.allObjectives"), ...v.columns.map((c) => String(c.total)), String(v.total)],
  ];
}

export { emptyFilters };
