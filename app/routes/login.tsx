import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { failedLoginDelay, gateLogin, loginSchema } from "~/lib/account.server";
import { safeRedirect } from "~/lib/params.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { passRetryAfter } from "~/lib/retry-after";
import { i18nFor } from "~/lib/request.server";
import { createSession, getUser } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import { authenticate, metrics, resetRateLimit } from "~/models.server";
import { limits } from "~/lib/account.server";

export const meta = titleMeta;

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "account");
  if (await getUser(request)) throw redirect("/");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  return json({ title: t("login.title"), redirectTo, reset: new URL(request.url).searchParams.get("reset") === "1" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const v = validateForm(form, loginSchema);
  if (!v.ok) {
    return json({ error: "login.missing", minutes: 0, errors: v.errors, email: v.values.email ?? "" }, { status: 400 });
  }
  const { email, password } = v.data;
  const redirectTo = safeRedirect(v.data.redirectTo);
  const ip = context.clientIp ?? "unknown";
  const gate = await gateLogin(ip, email);
  if (!gate.ok) {
    // The same answer whether or not the address has an account.
    const error = gate.why === "account" ? "login.resetRequired" : "errors.rateLimited";
    return json({ error, minutes: gate.minutes, errors: {}, email }, { status: 429, headers: { "Retry-After": String(gate.minutes * 60) } });
  }
  const user = await authenticate(email, password);
  if (!user) {
    metrics.loginFailures.inc();
    await failedLoginDelay(gate.attempt);
    // The same answer for an unknown email and a wrong password.
    return json({ error: "login.invalid", minutes: 0, errors: {}, email }, { status: 400 });
  }
  await resetRateLimit(`login-acct:${email}`, limits().loginWindowMs);
  const cookie = await createSession(request, String(user._id));
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { redirectTo, reset } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("account");
  return (
    <div className="container narrow">
      <h1>{t("login.title")}</h1>
      {reset ? (
        <div className="notice" role="status">
          <p>{t("login.resetDone")}</p>
        </div>
      ) : null}
      {data?.error ? (
        <div className="error-summary" role="alert" id="login-error">
          {t(data.error, { count: data.minutes })}
          {data.error === "login.resetRequired" ? (
            <>
              {" "}
              <Link to="/forgot-password">{t("login.forgot")}</Link>
            </>
          ) : null}
        </div>
      ) : null}
      <Form method="post" className="stack" aria-describedby={data?.error ? "login-error" : undefined}>
        <CsrfField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="email" type="email" label={t("fields.email")} autoComplete="email" required maxLength={254} defaultValue={data?.email ?? ""} errors={data?.errors} />
        <TextField name="password" type="password" label={t("fields.password")} autoComplete="current-password" required maxLength={1000} errors={data?.errors} />
        <button type="submit">{t("login.submit")}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("login.register")}</Link>
      </p>
    </div>
  );
}
