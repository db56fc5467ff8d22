import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { apiError } from "~/lib/api.server";
import { findPublishedPractice, toPublicPractice } from "~/models.server";
import { isSlug } from "../../models/ids";

export async function loader({ params }: LoaderFunctionArgs) {
  if (!isSlug(params.slug)) return apiError(404, "No published practice has this slug.");
  const { practice, redirectTo } = await findPublishedPractice(params.slug);
  if (redirectTo) return apiError(404, "This practice moved.", { slug: redirectTo });
  if (!practice) return apiError(404, "No published practice has this slug.");
  return json(toPublicPractice(practice));
}
