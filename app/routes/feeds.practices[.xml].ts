// GET /feeds/practices.xml — Atom feed of the newest published practices.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { feedPaths } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["api", "common"]);
  return atomResponse(request, {
    filter: {},
    path: feedPaths.practices,
    pagePath: "/practices",
    title: t("feeds.allTitle", { site: t("site.name", { ns: "common" }) }),
    subtitle: t("feeds.allSubtitle"),
    siteName: t("site.name", { ns: "common" }),
    lang: locale,
  });
}
