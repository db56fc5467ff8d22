import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { forgotSchema, resetRequestAllowed } from "~/lib/account.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { passRetryAfter } from "~/lib/retry-after";
import { publicOrigin } from "~/lib/open-data.server";
import { i18nFor } from "~/lib/request.server";
import { validateForm } from "~/lib/validation.server";
import { requestPasswordReset } from "~/models.server";

export const meta = titleMeta;

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "account");
  return json({ title: t("forgot.title"), sent: new URL(request.url).searchParams.get("sent") === "1" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const v = validateForm(form, forgotSchema);
  if (!v.ok) return json({ errors: v.errors, values: v.values, minutes: 0 }, { status: 400 });
  const allowed = await resetRequestAllowed(context.clientIp ?? "unknown", v.data.email);
  if (allowed.wait > 0) {
    return json({ errors: { form: "errors.rateLimited" } as Record<string, string>, values: v.values, minutes: allowed.wait }, { status: 429, headers: { "Retry-After": String(allowed.wait * 60) } });
  }
  // The same answer whether or not the address has an account (and when this address asked too
  // often: no mail then, but nothing that tells).
  if (allowed.send) await requestPasswordReset(v.data.email, publicOrigin(request));
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const errors = data?.errors;
  const values = (data?.values ?? {}) as Record<string, string>;
  return (
    <div className="container narrow">
      <h1>{t("forgot.title")}</h1>
      {sent ? (
        <div className="notice" role="status">
          <p>{t("forgot.sent")}</p>
        </div>
      ) : (
        <p>{t("forgot.lead")}</p>
      )}
      {errors?.form ? (
        <div className="error-summary" role="alert">
          {t(errors.form, { count: data?.minutes ?? 0 })}
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={{ email: t("fields.email") }} />
      <Form method="post" className="stack" noValidate>
        <CsrfField />
        <TextField name="email" type="email" label={t("fields.email")} required maxLength={254} autoComplete="email" defaultValue={values.email} errors={errors} />
        <button type="submit">{t("forgot.submit")}</button>
      </Form>
      <p>
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}
