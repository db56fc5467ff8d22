// GET /i18n/:locale.:hash.js — the page language's translations for the browser (decision 049),
// one script per language that every page shares, cached for good under its content hash. A
// page from before a deploy names an older hash: it gets the current translations, not cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/config";
import { clientI18nScript } from "~/i18n/resources.server";
import { i18nFor } from "~/lib/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const m = /^([a-z]{2})(?:\.([0-9a-f]{12}))?\.js$/.exec(params.file ?? "");
  if (!m || !isLocale(m[1])) {
    const { t } = i18nFor(request, "common");
    throw new Response(t("errors.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const script = clientI18nScript(m[1]);
  return new Response(script.body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": m[2] === script.hash ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: `"${script.hash}"`,
    },
  });
}
