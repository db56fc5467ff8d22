import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { limits, resetSchema } from "~/lib/account.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { validateForm } from "~/lib/validation.server";
import { PASSWORD_MIN, peekAccountToken, resetPassword, resetRateLimit, type TokenProblem } from "~/models.server";

export const meta = titleMeta;
// The token is in the address: never cached, never sent on as a referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

const statusFor = (p: TokenProblem) => (p === "invalid" ? 404 : 410);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "account");
  const peek = await peekAccountToken("reset", params.token ?? "");
  const data = { title: t("reset.title"), problem: peek.ok ? null : peek.problem, minLength: PASSWORD_MIN };
  return json(data, { status: peek.ok ? 200 : statusFor(peek.problem), headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const v = validateForm(form, resetSchema);
  if (!v.ok) return json({ errors: v.errors, problem: null }, { status: 400 });
  const result = await resetPassword(params.token ?? "", v.data.newPassword);
  if (result.ok) {
    // A reset lifts the pause that failed log-ins put on the account's password.
    await resetRateLimit(`login-acct:${result.email}`, limits().loginWindowMs);
    return redirect("/login?reset=1");
  }
  if ("problem" in result) return json({ errors: {} as Record<string, string>, problem: result.problem }, { status: statusFor(result.problem) });
  return json({ errors: { [result.field]: result.error } as Record<string, string>, problem: null }, { status: 400 });
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const problem = data?.problem ?? loaded.problem;
  const errors = data?.errors;
  const labels = { newPassword: t("fields.newPassword"), confirmPassword: t("fields.confirmPassword") };
  return (
    <div className="container narrow">
      <h1>{t("reset.title")}</h1>
      {problem ? (
        <>
          <div className="error-summary" role="alert">
            <p>{t(`reset.problem.${problem}`)}</p>
          </div>
          <p>
            <Link to="/forgot-password">{t("reset.askAgain")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t("reset.lead")}</p>
          <ErrorSummary errors={errors} labels={labels} />
          <Form method="post" className="stack" noValidate>
            <CsrfField />
            <TextField
              name="newPassword"
              type="password"
              label={labels.newPassword}
              required
              minLength={loaded.minLength}
              maxLength={200}
              autoComplete="new-password"
              hint={t("register.passwordHint", { count: loaded.minLength })}
              errors={errors}
            />
            <TextField name="confirmPassword" type="password" label={labels.confirmPassword} required maxLength={200} autoComplete="new-password" errors={errors} />
            <button type="submit">{t("reset.submit")}</button>
          </Form>
        </>
      )}
    </div>
  );
}
