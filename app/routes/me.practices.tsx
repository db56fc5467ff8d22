import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { listOwnPractices } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:submit");
  const { t } = i18nFor(request, "practices");
  return json({ title: t("mine.title"), rows: await listOwnPractices(user._id) });
}

export default function MyPractices() {
  const { rows } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation("practices");
  return (
    <div className="container">
      <h1>{t("mine.title")}</h1>
      {params.get("submitted") ? (
        <p className="success" role="status">
          {t("mine.submitted")}
        </p>
      ) : null}
      <p>
        <Link to="/practices/new" className="button">
          {t("mine.new")}
        </Link>
      </p>
      {rows.length === 0 ? (
        <p>{t("mine.empty")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("mine.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("mine.colTitle")}</th>
              <th scope="col">{t("mine.status")}</th>
              <th scope="col">{t("mine.updated")}</th>
              <th scope="col">{t("mine.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.title}</td>
                <td>
                  <span className={`status status-${r.status}`}>{t(`status.${r.status}`)}</span>
                  {r.pendingStatus ? (
                    <>
                      <br />
                      {t("mine.revision")}: {t(`status.${r.pendingStatus}`)}
                    </>
                  ) : null}
                </td>
                <td>
                  <FormattedDate iso={r.updatedAt} />
                </td>
                <td>
                  <ul className="inline-list">
                    <li>
                      <Link to={`/practices/${r.id}/edit`} aria-label={`${r.editable ? t("mine.edit") : t("mine.details")}: ${r.title}`}>
                        {r.editable ? t("mine.edit") : t("mine.details")}
                      </Link>
                    </li>
                    {r.status === "published" ? (
                      <li>
                        <Link to={`/practices/${r.slug}`} aria-label={`${t("mine.view")}: ${r.title}`}>
                          {t("mine.view")}
                        </Link>
                      </li>
                    ) : null}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
