import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { apiError } from "~/lib/api.server";
import { parseQuery, practiceFilterKeys } from "~/models.server";
import { listPractices } from "~/models.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { filters, page, perPage, invalid } = parseQuery(url.searchParams, {
    keys: practiceFilterKeys,
    maxPerPage: 100,
  });
  if (invalid.length) return apiError(400, `Invalid parameter(s): ${invalid.join(", ")}`, { invalid });
  try {
    const { total, hits } = await listPractices(filters, page, perPage);
    if (page > 1 && (page - 1) * perPage >= total) return apiError(404, `Page ${page} is past the end (${total} practices).`, { total });
    return json({ total, page, perPage, hits });
  } catch {
    return apiError(503, "The practice store is unavailable; try again shortly.");
  }
}
