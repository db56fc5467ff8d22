// /practices/:id/delete — the owner deletes a practice that was never published (a draft, one
// sent back for changes, a rejected one). A confirmation page first, so it works without
// JavaScript and nobody deletes by a stray click.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { deleteOwnPractice, findOwnPractice, ownerMayDeletePractice } from "~/models.server";
import { idParam } from "~/lib/params.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:submit");
  const { t } = i18nFor(request, ["practices", "common"]);
  const p = await findOwnPractice(idParam(request, params), user._id);
  if (!p) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const deletable = ownerMayDeletePractice(p);
  return json({ title: t("mine.deleteTitle"), practiceTitle: p.title, deletable }, { status: deletable ? 200 : 409 });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await parseForm(request, context);
  const user = await requirePermission(request, "practice:submit");
  const { t } = i18nFor(request, ["practices", "common"]);
  const r = await deleteOwnPractice(idParam(request, params), user._id);
  if (!r.ok && r.error === "not-found") throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  if (!r.ok) return json({ refused: true }, { status: 409 });
  return redirect("/me/practices?deleted=1");
}

export default function DeletePractice() {
  const { practiceTitle, deletable } = useLoaderData<typeof loader>();
  const { t } = useTranslation("practices");
  return (
    <div className="container narrow">
      <h1>{t("mine.deleteTitle")}</h1>
      {deletable ? (
        <>
          <p>{t("mine.deleteBody", { title: practiceTitle })}</p>
          <Form method="post" className="form-actions">
            <CsrfField />
            <button type="submit">{t("mine.deleteConfirm")}</button>
            <Link to="/me/practices">{t("mine.deleteCancel")}</Link>
          </Form>
        </>
      ) : (
        <>
          <p className="error-summary" role="alert">
            {t("mine.notDeletable")}
          </p>
          <p>
            <Link to="/me/practices">{t("mine.title")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
