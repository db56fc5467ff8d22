// /regions — the UN regions (and "global") with how many practices each has.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { BreakdownUnavailable, CountList } from "~/components/landing";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { practiceOverview } from "~/models.server";
import { regionKey, regions, regionSlug } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, ["common", "taxonomy"]);
  const o = await practiceOverview({}, 0);
  const fallback = o.source === "database";
  const items = regions.map((r) => ({ key: r, to: `/regions/${regionSlug(r)}`, label: t(regionKey(r), { ns: "taxonomy" }), count: fallback ? null : (o.breakdown?.region[r] ?? 0) }));
  return json({ title: t("regions.title"), items, fallback });
}

export default function Regions() {
  const { items, fallback } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/", label: t("nav.home") }]} />
      <h1>{t("regions.title")}</h1>
      <p className="lead">{t("regions.lead")}</p>
      {fallback ? <BreakdownUnavailable /> : null}
      <CountList id="region-list" title={t("nav.regions")} items={items} />
    </div>
  );
}
