import type { LoaderFunctionArgs } from "@remix-run/node";
import { sitemapResponse } from "~/lib/sitemap.server";

export const loader = ({ request }: LoaderFunctionArgs) => sitemapResponse(request);
