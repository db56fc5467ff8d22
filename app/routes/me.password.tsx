import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { gatePasswordChange, passwordSchema } from "~/lib/account.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { createSession, destroyAllSessions, requireUser } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import { changePassword, PASSWORD_MIN } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { t } = i18nFor(request, "account");
  return json({ title: t("password.title"), minLength: PASSWORD_MIN });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, context);
  const v = validateForm(form, passwordSchema);
  if (!v.ok) return json({ errors: v.errors }, { status: 400 });
  const wait = await gatePasswordChange(String(user._id));
  if (wait > 0) return json({ errors: { currentPassword: "errors.tooManyPasswordAttempts" } as Record<string, string> }, { status: 429, headers: { "Retry-After": String(wait * 60) } });
  const result = await changePassword(String(user._id), v.data.currentPassword, v.data.newPassword);
  if (!result.ok) return json({ errors: { [result.field]: result.error } as Record<string, string> }, { status: 400 });
  // A new password ends every other session; this browser gets a fresh one.
  await destroyAllSessions(String(user._id));
  const cookie = await createSession(request, String(user._id));
  return redirect("/me?password=1", { headers: { "Set-Cookie": cookie } });
}

export default function ChangePassword() {
  const { minLength } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const errors = data?.errors;
  const labels = { currentPassword: t("fields.currentPassword"), newPassword: t("fields.newPassword"), confirmPassword: t("fields.confirmPassword") };
  return (
    <div className="container narrow">
      <h1>{t("password.title")}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="stack" noValidate>
        <CsrfField />
        <TextField name="currentPassword" type="password" label={labels.currentPassword} required maxLength={1000} autoComplete="current-password" errors={errors} />
        <TextField
          name="newPassword"
          type="password"
          label={labels.newPassword}
          required
          minLength={minLength}
          maxLength={200}
          autoComplete="new-password"
          hint={t("register.passwordHint", { count: minLength })}
          errors={errors}
        />
        <TextField name="confirmPassword" type="password" label={labels.confirmPassword} required maxLength={200} autoComplete="new-password" errors={errors} />
        <button type="submit">{t("password.submit")}</button>
      </Form>
      <p>
        <Link to="/me">{t("password.back")}</Link>
      </p>
    </div>
  );
}
