// GET /feeds/calls/:slug.xml — Atom feed of the newest published answers to one call for practices.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { feedPaths } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { findCallBySlug, localized } from "~/models.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["api", "common"]);
  const notFound = () => new Response(t("errors.notFound", { ns: "common" }), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const m = /^([a-z0-9-]{1,120})\.xml$/.exec(params.file ?? "");
  if (!m) throw notFound();
  let call: Awaited<ReturnType<typeof findCallBySlug>>;
  try {
    call = await findCallBySlug(m[1]);
  } catch {
    return new Response(t("errors.unavailable", { ns: "common" }), { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30" } });
  }
  if (!call) throw notFound();
  const name = localized(call.title, locale).text;
  return atomResponse(request, {
    filter: { callId: call._id },
    path: feedPaths.call(call.slug),
    pagePath: `/calls/${call.slug}`,
    title: t("feeds.callTitle", { name }),
    subtitle: t("feeds.callSubtitle", { name }),
    siteName: t("site.name", { ns: "common" }),
    lang: locale,
  });
}
