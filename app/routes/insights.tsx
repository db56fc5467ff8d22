// /insights — where the evidence is and where it is missing: published practices per GCM
// objective × region (or principle, stakeholder type, year), narrowed by filters, with the gaps
// named and a way to fill them.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { InsightsMatrix, TrendChart } from "~/components/insights-matrix";
import { BreakdownUnavailable } from "~/components/landing";
import { insightsView, parseInsightsParams } from "~/lib/insights.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { can } from "../../models/permissions";

import insightsStyles from "../styles/insights.css?url";

export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightsStyles }];

const axes = ["region", "principle", "stakeholderType", "sdg", "year"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["insights", "taxonomy", "common"]);
  const url = new URL(request.url);
  const params = parseInsightsParams(url.searchParams);
  const [view, user] = await Promise.all([insightsView(params, t, locale), getUser(request)]);
  const keep = new URLSearchParams(url.searchParams);
  keep.delete("axis");
  return json(
    {
      title: t("title"),
      ...view,
      invalid: params.invalid,
      query: keep.toString(),
      csvHref: `/insights.csv?${url.searchParams.toString()}`,
      canOpenCall: can(user?.roles, "admin:calls"),
    },
    { status: params.invalid.length ? 400 : 200 },
  );
}

export default function Insights() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  const axisHref = (a: string) => `?${[`axis=${a}`, d.query].filter(Boolean).join("&")}`;
  const submitHref = (objective: number, value: string) => {
    const p = new URLSearchParams({ objective: String(objective) });
    if (d.axisFilterKey === "region" || d.axisFilterKey === "principle" || d.axisFilterKey === "stakeholderType") p.set(d.axisFilterKey, value);
    return `/practices/new?${p.toString()}`;
  };
  const callHref = (objective: number, value: string) => `/calls/new?objective=${objective}${d.axisFilterKey === "region" ? `&region=${encodeURIComponent(value)}` : ""}`;
  return (
    <div className="container insights">
      <Breadcrumb items={[{ to: "/", label: t("nav.home", { ns: "common" }) }]} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {d.invalid.length ? (
        <p className="form-error" role="alert">
          {t("invalid", { params: d.invalid.join(", ") })}
        </p>
      ) : null}
      {d.source === "database" ? <BreakdownUnavailable /> : null}

      <nav aria-label={t("axis.label")} className="axis-switch">
        <span>{t("axis.label")}:</span>
        <ul>
          {axes.map((a) => (
            <li key={a}>
              <Link to={axisHref(a)} aria-current={a === d.axis ? "page" : undefined}>
                {t(`axis.${a}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="insights-filters" aria-label={t("filters.label")}>
        <input type="hidden" name="axis" value={d.axis} />
        <div className="field">
          <label htmlFor="i-country">{t("filters.country")}</label>
          <select id="i-country" name="country" defaultValue={d.chosen.country[0] ?? ""}>
            <option value="">{t("filters.any")}</option>
            {d.options.countries.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="i-stakeholder">{t("filters.stakeholderType")}</label>
          <select id="i-stakeholder" name="stakeholderType" defaultValue={d.chosen.stakeholderType[0] ?? ""}>
            <option value="">{t("filters.any")}</option>
            {d.options.stakeholderTypes.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="i-lang">{t("filters.language")}</label>
          <select id="i-lang" name="lang" defaultValue={d.chosen.lang[0] ?? ""}>
            <option value="">{t("filters.any")}</option>
            {d.options.languages.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="i-evidence">{t("filters.evidence")}</label>
          <select id="i-evidence" name="evidence" defaultValue={d.chosen.evidence[0] ?? ""}>
            <option value="">{t("filters.any")}</option>
            {d.options.evidence.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="i-from">{t("filters.from")}</label>
          <input id="i-from" name="from" type="number" inputMode="numeric" min={1990} max={2100} defaultValue={d.chosen.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="i-to">{t("filters.to")}</label>
          <input id="i-to" name="to" type="number" inputMode="numeric" min={1990} max={2100} defaultValue={d.chosen.to ?? ""} />
        </div>
        <button type="submit">{t("filters.apply")}</button>
        <Link to={`?axis=${d.axis}`} className="secondary-link">
          {t("filters.clear")}
        </Link>
      </Form>

      <section aria-labelledby="legend-title" className="insights-legend">
        <h2 id="legend-title">{t("legend.title")}</h2>
        <ul>
          <li>
            <span className="swatch cell-gap" aria-hidden="true" /> <strong>{t("legend.gapShort")}</strong>: {t("legend.gap")}
          </li>
          <li>
            <span className="swatch cell-thin" aria-hidden="true" /> <strong>{t("legend.thinShort")}</strong>: {t("legend.thin", { count: d.thinAtMost })}
          </li>
        </ul>
        <p>
          <a href={d.csvHref} download>
            {t("csv.download")}
          </a>
        </p>
      </section>

      <InsightsMatrix data={d} caption={t("matrix.caption", { axis: t(`axis.${d.axis}`), total: d.total })} />

      <section aria-labelledby="gaps-title" className="insights-gaps">
        <h2 id="gaps-title">{t("gaps.title")}</h2>
        {d.gaps.length === 0 ? (
          <p>{t("gaps.none")}</p>
        ) : (
          <ul>
            {d.gaps.map((g) => (
              <li key={g.objective}>
                <strong>
                  {g.objective}. {g.label}
                </strong>
                {g.missing.length ? (
                  <p>
                    {t("gaps.missing")}{" "}
                    {g.missing.map((m, i) => (
                      <span key={m.value}>
                        {i > 0 ? " · " : null}
                        {m.label} (
                        <Link to={submitHref(g.objective, m.value)}>{t("gaps.submit")}</Link>
                        {d.canOpenCall ? (
                          <>
                            {", "}
                            <Link to={callHref(g.objective, m.value)}>{t("gaps.openCall")}</Link>
                          </>
                        ) : null}
                        )
                      </span>
                    ))}
                  </p>
                ) : null}
                {g.thin.length ? (
                  <p>
                    {t("gaps.thin")} {g.thin.map((m) => m.label).join(" · ")}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="trend-title" className="insights-trend">
        <h2 id="trend-title">{t("trend.title")}</h2>
        <Form method="get" className="inline-form">
          <input type="hidden" name="axis" value={d.axis} />
          {d.chosen.country.map((c) => (
            <input key={c} type="hidden" name="country" value={c} />
          ))}
          {d.chosen.stakeholderType.map((c) => (
            <input key={c} type="hidden" name="stakeholderType" value={c} />
          ))}
          {d.chosen.lang.map((c) => (
            <input key={c} type="hidden" name="lang" value={c} />
          ))}
          {d.chosen.evidence.map((c) => (
            <input key={c} type="hidden" name="evidence" value={c} />
          ))}
          {d.chosen.from ? <input type="hidden" name="from" value={d.chosen.from} /> : null}
          {d.chosen.to ? <input type="hidden" name="to" value={d.chosen.to} /> : null}
          <label htmlFor="i-trend">{t("trend.objective")}</label>
          <select id="i-trend" name="trend" defaultValue={d.trendObjective ?? ""}>
            <option value="">{t("trend.all")}</option>
            {d.rows.map((r) => (
              <option key={r.objective} value={r.objective}>
                {r.objective}. {r.label}
              </option>
            ))}
          </select>
          <button type="submit">{t("trend.show")}</button>
        </Form>
        <TrendChart
          id="trend-chart"
          points={d.trend}
          title={d.trendObjective ? t("trend.chartTitleObjective", { n: d.trendObjective }) : t("trend.chartTitle")}
        />
      </section>
    </div>
  );
}
