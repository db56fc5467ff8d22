import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeCard } from "~/components/practice-card";
import { PracticeFilterForm } from "~/components/practice-filter-form";
import { Pagination } from "~/components/pagination";
import { feedPaths, titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { parseQuery, practiceFilterKeys } from "~/models.server";
import { listPractices } from "~/models.server";
import { requirePageInRange } from "~/lib/params.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["practices", "api"]);
  const url = new URL(request.url);
  const { filters, page, perPage, invalid } = parseQuery(url.searchParams, {
    keys: practiceFilterKeys,
    maxPerPage: 50,
  });
  const { total, hits, source } = await listPractices(filters, page, perPage, locale);
  requirePageInRange(request, page, (page - 1) * perPage >= total);
  return json({ title: t("list.title"), feed: { href: feedPaths.practices, title: t("feeds.allLink", { ns: "api" }) }, filters, page, perPage, total, hits, invalid, source });
}

export default function PracticesIndex() {
  const { filters, page, perPage, total, hits, invalid, source } = useLoaderData<typeof loader>();
  const { t } = useTranslation("practices");
  return (
    <div className="container">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      {invalid.length > 0 ? (
        <p className="notice" role="status">
          {t("list.ignored", { params: invalid.join(", ") })}
        </p>
      ) : null}
      {source === "database" ? (
        <p className="notice" role="status">
          {t("list.fromDatabase")}
        </p>
      ) : null}
      <div className="with-sidebar">
        <PracticeFilterForm filters={filters} />
        <section aria-labelledby="results-title">
          <h2 id="results-title" className="visually-hidden">
            {t("list.results")}
          </h2>
          <p role="status">{t("list.count", { count: total })}</p>
          {hits.length === 0 ? <p>{t("list.empty")}</p> : null}
          <div className="card-list">
            {hits.map((p) => (
              <PracticeCard key={p.slug} practice={p} />
            ))}
          </div>
          <Pagination page={page} perPage={perPage} total={total} />
        </section>
      </div>
    </div>
  );
}
