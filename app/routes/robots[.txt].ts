// GET /robots.txt — crawlers may read the public pages; accounts, moderation and forms are off limits.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/open-data.server";

const DISALLOW = ["/admin", "/moderation", "/me", "/notifications", "/login", "/logout", "/register", "/practices/new", "/spaces/new", "/__refused"];

export function loader({ request }: LoaderFunctionArgs) {
  const body = ["User-agent: *", ...DISALLOW.map((p) => `Disallow: ${p}`), "Disallow: /*/edit", "", `Sitemap: ${publicOrigin(request)}/sitemap.xml`, ""].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
