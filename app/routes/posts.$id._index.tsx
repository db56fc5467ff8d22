// Permalink of a reply: finds the page of its thread it is on and goes there.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { actorOf, postLocation } from "~/models.server";
import { idParam } from "~/lib/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "threads");
  const user = await getUser(request);
  const loc = await postLocation(idParam(request, params), user ? actorOf(user) : null, 20);
  if (!loc) throw new Response(t("errors.notFound"), { status: 404 });
  const url = new URL(request.url);
  const q = new URLSearchParams();
  if (loc.page > 1) q.set("page", String(loc.page));
  const notice = url.searchParams.get("notice");
  if (notice && /^[a-z]{1,20}$/.test(notice)) q.set("notice", notice);
  const qs = q.toString();
  return redirect(`/threads/${loc.threadId}${qs ? `?${qs}` : ""}#reply-${loc.postId}`);
}
