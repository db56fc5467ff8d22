// /notifications/:id — following a notification: marks it read, then goes where it leads (the
// stored, local path; never an address from the request). A plain link, so it works without
// JavaScript and the header's unread count is fresh on the page it opens.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { idParam } from "~/lib/params.server";
import { i18nFor } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";
import { markRead } from "~/models.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const to = await markRead(String(user._id), idParam(request, params));
  if (!to) {
    const { t } = i18nFor(request, "common");
    throw new Response(t("errors.notFound"), { status: 404 });
  }
  return redirect(to);
}

// A page module (not a resource route), so a 404 is the translated error page, not bare text.
export default function FollowNotification() {
  return null;
}
