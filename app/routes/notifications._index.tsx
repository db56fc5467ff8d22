import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NotificationItem } from "~/components/notification-item";
import { ActionButton } from "~/components/reply";
import { Pagination } from "~/components/pagination";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";
import { listNotifications, markAllRead, markRead, parseQuery } from "~/models.server";
import { requirePageInRange } from "~/lib/params.server";

export const meta = titleMeta;
const PER_PAGE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = i18nFor(request, "threads");
  const { page } = parseQuery(new URL(request.url).searchParams, { keys: [] });
  const userId = String(user._id);
  // The unread count is the root loader's (the header's badge): one count per request, not two.
  const list = await listNotifications(userId, page, PER_PAGE);
  requirePageInRange(request, page, list.items.length === 0);
  return json({ title: t("notifications.title"), ...list, page });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requireUser(request);
  const intent = String(form.get("intent") ?? "");
  const userId = String(user._id);
  if (intent === "read-all") await markAllRead(userId);
  else if (intent === "read" || intent === "open") {
    // "open" goes where the stored notification leads, never to a posted address.
    const to = await markRead(userId, String(form.get("id") ?? ""));
    if (intent === "open" && to) return redirect(to);
  } else {
    const { t } = i18nFor(request, "threads");
    throw new Response(t("errors.invalidRequest"), { status: 400 });
  }
  return redirect("/notifications");
}

export default function Notifications() {
  const { items, hasNext, page } = useLoaderData<typeof loader>();
  const unread = (useRouteLoaderData("root") as { unread?: number } | undefined)?.unread ?? 0;
  const { t } = useTranslation("threads");
  return (
    <div className="container">
      <h1>{t("notifications.title")}</h1>
      <p>{t("notifications.unreadCount", { count: unread })}</p>
      {unread > 0 ? <ActionButton intent="read-all" label={t("notifications.markAllRead")} className="secondary" /> : null}
      {items.length ? (
        <ol className="notification-list">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ol>
      ) : (
        <p className="muted">{t("notifications.empty")}</p>
      )}
      <Pagination page={page} hasNext={hasNext} />
      <p>
        <Link to="/spaces">{t("notifications.followHint")}</Link>
      </p>
    </div>
  );
}
