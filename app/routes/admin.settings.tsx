// /admin/settings — site settings: the licence the open data is published under.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { validateForm } from "~/lib/validation.server";
import { getDataLicence, setDataLicence } from "~/models.server";

export const meta = titleMeta;

const settingsSchema = z.object({
  licenceName: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
  licenceUrl: z
    .string()
    .trim()
    .max(300, "errors.tooLong")
    .refine((s) => s === "" || /^https?:\/\/[^\s<>"]+$/i.test(s), "admin.settings.urlInvalid"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:settings");
  const { t } = i18nFor(request, "account");
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return json({ title: t("admin.settings.title"), licence: await getDataLicence(), saved });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requirePermission(request, "admin:settings");
  const form = await parseForm(request, context);
  const v = validateForm(form, settingsSchema);
  if (!v.ok) return json({ errors: v.errors, values: v.values }, { status: 400 });
  await setDataLicence({ name: v.data.licenceName, url: v.data.licenceUrl });
  return redirect("/admin/settings?saved=1");
}

export default function AdminSettings() {
  const { licence, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const errors = data?.errors;
  const labels = { licenceName: t("admin.settings.licenceName"), licenceUrl: t("admin.settings.licenceUrl") };
  return (
    <>
      <h1>{t("admin.settings.title")}</h1>
      {saved ? (
        <p className="notice" role="status">
          {t("admin.settings.saved")}
        </p>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <fieldset>
          <legend>{t("admin.settings.licence")}</legend>
          <p className="hint">{t("admin.settings.licenceHint")}</p>
          <TextField name="licenceName" label={labels.licenceName} required maxLength={100} defaultValue={data?.values?.licenceName ?? licence.name} errors={errors} />
          <TextField name="licenceUrl" type="url" label={labels.licenceUrl} maxLength={300} defaultValue={data?.values?.licenceUrl ?? licence.url} errors={errors} />
        </fieldset>
        <button type="submit">{t("admin.settings.save")}</button>
      </Form>
    </>
  );
}
