// GET /feeds/objectives/:n.xml — Atom feed of the newest practices on one GCM objective.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { feedPaths } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { isObjective, objectiveKey } from "../../models/taxonomy";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["api", "common", "taxonomy"]);
  const m = /^(\d{1,2})\.xml$/.exec(params.file ?? "");
  const n = m ? Number(m[1]) : NaN;
  if (!isObjective(n)) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const name = `${n}. ${t(objectiveKey(n), { ns: "taxonomy" })}`;
  return atomResponse(request, {
    filter: { objective: n },
    path: feedPaths.objective(n),
    pagePath: `/objectives/${n}`,
    title: t("feeds.objectiveTitle", { name }),
    subtitle: t("feeds.objectiveSubtitle", { name }),
    siteName: t("site.name", { ns: "common" }),
    lang: locale,
  });
}
