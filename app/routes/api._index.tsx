// /api — documentation of the read API, the open-data export and the feeds (translated).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { feedPaths, titleMeta } from "~/lib/meta";
import { publicOrigin } from "~/lib/open-data.server";
import { i18nFor } from "~/lib/request.server";
import { DEFAULT_LICENCE, exportColumns, getDataLicence, type DataLicence } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "api");
  const licence: DataLicence = await getDataLicence().catch(() => DEFAULT_LICENCE);
  return json({
    title: t("page.title"),
    origin: publicOrigin(request),
    licence,
    columns: exportColumns.map((c) => ({ key: c.key, kind: c.kind })),
    feed: { href: feedPaths.practices, title: t("feeds.allLink") },
  });
}

function Params({ rows }: { rows: Array<[string, string]> }) {
  const { t } = useTranslation("api");
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t("page.param")}</th>
          <th scope="col">{t("page.meaning")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, text]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
            </td>
            <td>{text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ApiPage() {
  const { origin, licence, columns } = useLoaderData<typeof loader>();
  const { t } = useTranslation("api");
  const filters: Array<[string, string]> = [
    ["objective", t("params.objective")],
    ["principle", t("params.principle")],
    ["region", t("params.region")],
    ["country", t("params.country")],
    ["stakeholderType", t("params.stakeholderType")],
    ["lang", t("params.lang")],
  ];
  const paging: Array<[string, string]> = [
    ["page", t("params.page")],
    ["perPage", t("params.perPage")],
  ];
  return (
    <div className="container">
      <h1>{t("page.title")}</h1>
      <p>{t("page.intro")}</p>
      <p>
        {t("page.licence")}{" "}
        {licence.url ? <a href={licence.url}>{licence.name}</a> : <span>{licence.name}</span>}
      </p>
      <p>{t("page.cors")}</p>

      <h2 id="read-api">{t("page.readApi")}</h2>
      <h3>
        <code>GET /api/v1/search</code>
      </h3>
      <p>{t("endpoints.search")}</p>
      <Params rows={[["q", t("params.q")], ["type", t("params.type")], ["year", t("params.year")], ["sort", t("params.sort")], ...filters, ...paging]} />
      <h3>
        <code>GET /api/v1/practices</code>
      </h3>
      <p>{t("endpoints.practices")}</p>
      <Params rows={[...filters, ...paging]} />
      <h3>
        <code>GET /api/v1/practices/:slug</code>
      </h3>
      <p>{t("endpoints.practice")}</p>
      <p>{t("page.errors")}</p>

      <h2 id="export">{t("page.export")}</h2>
      <ul>
        <li>
          <a href="/api/v1/export.csv">
            <code>GET /api/v1/export.csv</code>
          </a>{" "}
          — {t("endpoints.csv")}
        </li>
        <li>
          <a href="/api/v1/export.json">
            <code>GET /api/v1/export.json</code>
          </a>{" "}
          — {t("endpoints.json")}
        </li>
      </ul>
      <table className="data-table">
        <caption>{t("page.columns")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("page.column")}</th>
            <th scope="col">{t("page.kind")}</th>
            <th scope="col">{t("page.meaning")}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.key}>
              <td>
                <code>{c.key}</code>
              </td>
              <td>{t(`kinds.${c.kind}`)}</td>
              <td>{t(`columns.${c.key}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="feeds">{t("page.feeds")}</h2>
      <p>{t("page.feedsIntro")}</p>
      <ul>
        <li>
          <a href={feedPaths.practices}>
            <code>{feedPaths.practices}</code>
          </a>{" "}
          — {t("endpoints.feedAll")}
        </li>
        <li>
          <code>{feedPaths.objective(":n")}</code> — {t("endpoints.feedObjective")}
        </li>
        <li>
          <code>{feedPaths.region(":region")}</code> — {t("endpoints.feedRegion")}
        </li>
        <li>
          <code>{feedPaths.call(":call")}</code> — {t("endpoints.feedCall")}
        </li>
      </ul>
      <p>
        {t("page.sitemap")} <a href="/sitemap.xml">{`${origin}/sitemap.xml`}</a>
      </p>
    </div>
  );
}
