import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate, useNumberFormat } from "~/components/formatted";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { adminOverview } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:roles");
  const { t } = i18nFor(request, "account");
  return json({ title: t("admin.title"), ...(await adminOverview()) });
}

export default function AdminOverview() {
  const { counts, recent } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["account", "calls"]);
  const n = useNumberFormat();
  const rows: [string, number][] = [
    ["users", counts.users],
    ["moderators", counts.moderators],
    ["admins", counts.admins],
    ["published", counts.published],
    ["submitted", counts.submitted],
    ["threads", counts.threads],
  ];
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{t(`admin.counts.${k}`)}</dt>
            <dd>{n(v)}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to="/admin/users">{t("admin.manageUsers")}</Link>
      </p>
      <p>
        <Link to="/calls">{t("adminLink", { ns: "calls" })}</Link>
      </p>
      <h2>{t("admin.recent")}</h2>
      {recent.length ? (
        <ul>
          {recent.map((a) => (
            <li key={a.id}>
              <FormattedDate iso={a.at} withTime /> ·{" "}
              {t(a.action === "role.grant" ? "admin.audit.grant" : "admin.audit.revoke", { actor: a.actor, subject: a.subject, from: a.from, to: a.to })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("admin.noRecent")}</p>
      )}
    </>
  );
}
