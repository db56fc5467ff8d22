// GET /practices/similar?title=…&objective=5&objective=18[&id=…] — published practices like the
// one being written (the submission form's debounced fetcher). Public data only; 400 on bad input.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { apiError } from "~/lib/api.server";
import { parseSimilarQuery, similarPublished } from "~/models.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.search.length > 2000) return apiError(400, "Query too long");
  const q = parseSimilarQuery(url.searchParams);
  if (!q.ok) return apiError(400, `Invalid parameter(s): ${q.invalid.join(", ")}`, { invalid: q.invalid });
  const items = await similarPublished(q.value);
  return json(
    { items: items.map((r) => ({ id: r.id, slug: r.slug, title: r.title, language: r.language, url: `/practices/${r.slug}`, reason: r.reason })) },
    // Same answer for everyone for a minute: the browser (and any shared cache) absorbs repeats.
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}
