// /insights.csv — the coverage matrix exactly as /insights shows it, for spreadsheets.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { insightsCsvRows, insightsView, parseInsightsParams } from "~/lib/insights.server";
import { csvLines, neutralizeFormula } from "~/models.server";
import { i18nFor } from "~/lib/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["insights", "taxonomy", "common"]);
  const params = parseInsightsParams(new URL(request.url).searchParams);
  if (params.invalid.length) return new Response(t("invalid", { params: params.invalid.join(", ") }), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const view = await insightsView(params, t, locale);
  return new Response(`\uFEFF${csvLines(insightsCsvRows(view, t).map((r) => r.map(neutralizeFormula)))}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="gcm-coverage-${view.axis}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
