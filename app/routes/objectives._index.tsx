// /objectives — the 23 GCM objectives with how many practices each has.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { BreakdownUnavailable, ObjectiveTiles } from "~/components/landing";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { practiceOverview } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request);
  const overview = await practiceOverview({}, 0);
  return json({ title: t("objectives.title"), counts: overview.breakdown?.objectives ?? null, fallback: overview.source === "database" });
}

export default function Objectives() {
  const { counts, fallback } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/", label: t("nav.home") }]} />
      <h1>{t("objectives.title")}</h1>
      <p className="lead">{t("objectives.lead")}</p>
      {fallback && !counts ? <BreakdownUnavailable /> : null}
      <ObjectiveTiles counts={counts} />
    </div>
  );
}
