import type { LoaderFunctionArgs } from "@remix-run/node";
import { sitemapFileResponse } from "~/lib/sitemap.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const res = sitemapFileResponse(request, params.file ?? "");
  if (!res) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return res;
}
