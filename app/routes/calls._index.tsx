import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CallTime } from "~/components/call-time";
import { titleMeta } from "~/lib/meta";
import { can } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { listCalls } from "~/models.server";
import type { Role } from "../../models/permissions";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "calls");
  const [user, calls] = await Promise.all([getUser(request), listCalls(locale)]);
  return json({ title: t("listTitle"), calls, now: new Date().toISOString(), canAdmin: can(user?.roles as Role[] | undefined, "admin:calls") });
}

export default function Calls() {
  const { calls, now, canAdmin } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("calls");
  return (
    <div className="container">
      <h1>{t("listTitle")}</h1>
      <p className="lead">{t("listLead")}</p>
      {canAdmin ? (
        <p>
          <Link to="/calls/new">{t("newTitle")}</Link>
        </p>
      ) : null}
      {calls.length ? (
        <ul className="card-list calls">
          {calls.map((c) => (
            <li key={c.id} className={`call call-${c.state}`}>
              <h2>
                <Link to={`/calls/${c.slug}`} lang={c.titleLang !== i18n.language ? c.titleLang : undefined}>
                  {c.title}
                </Link>
              </h2>
              <p>
                <strong>{t(`state.${c.state}`)}</strong> · <CallTime state={c.state} opensAt={c.opensAt} closesAt={c.closesAt} now={now} />
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("none")}</p>
      )}
    </div>
  );
}
