// GET /feeds/regions/:region.xml — Atom feed of the newest practices in one region.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { feedPaths } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { regionKey, regions, regionSlug } from "../../models/taxonomy";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["api", "common", "taxonomy"]);
  const m = /^([a-z0-9-]{1,60})\.xml$/.exec(params.file ?? "");
  const region = m ? regions.find((r) => regionSlug(r) === m[1]) : undefined;
  if (!region) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const name = t(regionKey(region), { ns: "taxonomy" });
  return atomResponse(request, {
    filter: { region },
    path: feedPaths.region(regionSlug(region)),
    pagePath: `/regions/${regionSlug(region)}`,
    title: t("feeds.regionTitle", { name }),
    subtitle: t("feeds.regionSubtitle", { name }),
    siteName: t("site.name", { ns: "common" }),
    lang: locale,
  });
}
