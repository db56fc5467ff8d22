import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { SuccessNotice } from "~/components/success-notice";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { field, parseForm } from "~/lib/form.server";
import { Pagination } from "~/components/pagination";
import { applyTransition, listOwnPractices, parseQuery } from "~/models.server";
import { requirePageInRange } from "~/lib/params.server";

export const meta = titleMeta;
const PER_PAGE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:submit");
  const { t } = i18nFor(request, "practices");
  const { page } = parseQuery(new URL(request.url).searchParams, { keys: [] });
  const { rows, hasNext } = await listOwnPractices(user._id, page, PER_PAGE);
  requirePageInRange(request, page, rows.length === 0);
  return json({ title: t("mine.title"), rows, page, hasNext });
}

/** The owner takes a submission back from review (to change it, or to delete it). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requirePermission(request, "practice:submit");
  const { t } = i18nFor(request, ["practices", "common"]);
  if (field(form, "intent") !== "withdraw") throw new Response(t("errors.invalidRequest", { ns: "common" }), { status: 400 });
  const r = await applyTransition(field(form, "id"), "withdraw", { id: user._id, as: "owner" });
  if (!r.ok && r.error === "not-found") throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  if (!r.ok) return json({ error: "mine.notWithdrawable" }, { status: 409 });
  return redirect("/me/practices?withdrawn=1");
}

export default function MyPractices() {
  const { rows, page, hasNext } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = (["submitted", "withdrawn", "deleted"] as const).find((k) => params.get(k));
  const { t } = useTranslation("practices");
  return (
    <div className="container">
      <h1>{t("mine.title")}</h1>
      <SuccessNotice message={notice && t(`mine.${notice}`)} />
      {actionData?.error ? (
        <p className="error-summary" role="alert">
          {t(actionData.error)}
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
        <table className="card-table">
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
                <td className="card-table-title">{r.title}</td>
                <td data-label={t("mine.status")}>
                  <span className={`status status-${r.status}`}>{t(`status.${r.status}`)}</span>
                  {r.pendingStatus ? (
                    <>
                      <br />
                      {t("mine.revision")}: {t(`status.${r.pendingStatus}`)}
                    </>
                  ) : null}
                </td>
                <td data-label={t("mine.updated")}>
                  <FormattedDate iso={r.updatedAt} />
                </td>
                <td data-label={t("mine.actions")}>
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
                    {r.withdrawable ? (
                      <li>
                        <Form method="post" className="inline-form">
                          <CsrfField />
                          <input type="hidden" name="id" value={r.id} />
                          <button type="submit" name="intent" value="withdraw" className="link-button" aria-label={`${t("mine.withdraw")}: ${r.title}`}>
                            {t("mine.withdraw")}
                          </button>
                        </Form>
                      </li>
                    ) : null}
                    {r.deletable ? (
                      <li>
                        <Link to={`/practices/${r.id}/delete`} aria-label={`${t("mine.delete")}: ${r.title}`}>
                          {t("mine.delete")}
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
      <Pagination page={page} hasNext={hasNext} />
    </div>
  );
}
