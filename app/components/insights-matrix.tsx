// The coverage matrix: GCM objectives (rows) × the chosen axis (columns). Every number is a
// link into /search with exactly that cell's filters; gaps and thin cells say so in words and
// with a pattern, never by colour alone.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useNumberFormat } from "./formatted";

export interface MatrixCell {
  count: number;
  kind: "gap" | "thin" | "covered";
  href: string;
}

export interface MatrixData {
  axis: string;
  columns: { value: string; label: string; title?: string; total: number }[];
  rows: { objective: number; label: string; total: number; totalHref: string; cells: MatrixCell[] }[];
  total: number;
}

export function InsightsMatrix({ data, caption }: { data: MatrixData; caption: string }) {
  const { t } = useTranslation("insights");
  const fmt = useNumberFormat();
  return (
    <div className="table-scroll" role="region" aria-labelledby="matrix-caption" tabIndex={0}>
      <table className="coverage-matrix">
        <caption id="matrix-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("matrix.objective")}</th>
            {data.columns.map((c) => (
              <th scope="col" key={c.value}>
                {c.title ? <abbr title={c.title}>{c.label}</abbr> : c.label}
              </th>
            ))}
            <th scope="col">{t("matrix.total")}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.objective}>
              <th scope="row">
                <span className="objective-number">{r.objective}.</span> {r.label}
              </th>
              {r.cells.map((c, i) => (
                <td key={data.columns[i].value} className={`cell-${c.kind}`}>
                  <Link to={c.href}>{fmt(c.count)}</Link>
                  {c.kind !== "covered" ? <span className="cell-flag"> {t(`legend.${c.kind}Short`)}</span> : null}
                </td>
              ))}
              <td className="row-total">
                <Link to={r.totalHref}>{fmt(r.total)}</Link>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("matrix.allObjectives")}</th>
            {data.columns.map((c) => (
              <td key={c.value}>{fmt(c.total)}</td>
            ))}
            <td className="row-total">{fmt(data.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Practices per year as bars, with the same numbers in a table beside the chart. */
export function TrendChart({ points, title, id }: { points: { year: number; count: number }[]; title: string; id: string }) {
  const { t } = useTranslation("insights");
  const fmt = useNumberFormat();
  if (!points.length) return <p>{t("trend.none")}</p>;
  const max = Math.max(1, ...points.map((p) => p.count));
  const barW = 28;
  const gap = 8;
  const h = 120;
  const width = points.length * (barW + gap) + gap;
  const desc = points.map((p) => `${p.year}: ${fmt(p.count)}`).join(", ");
  return (
    <div className="trend">
      <svg className="trend-chart" viewBox={`0 0 ${width} ${h + 36}`} width={width} height={h + 36} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <line x1={0} y1={h} x2={width} y2={h} className="trend-axis" />
        {points.map((p, i) => {
          const bh = Math.round((p.count / max) * (h - 16));
          const x = gap + i * (barW + gap);
          return (
            <g key={p.year}>
              <rect x={x} y={h - bh} width={barW} height={bh} className="trend-bar" />
              <text x={x + barW / 2} y={h - bh - 4} textAnchor="middle" className="trend-value">
                {fmt(p.count)}
              </text>
              <text x={x + barW / 2} y={h + 16} textAnchor="middle" className="trend-year">
                {p.year}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="trend-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("trend.year")}</th>
            <th scope="col">{t("trend.practices")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.year}>
              <th scope="row">{p.year}</th>
              <td>{fmt(p.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
