import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AffiliationFields, ErrorSummary, TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { Honeypot } from "~/components/honeypot";
import { registerSchema, registrationLockedFor } from "~/lib/account.server";
import { honeypotFilled, parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { passRetryAfter } from "~/lib/retry-after";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import { PASSWORD_MIN, registerUser, sendVerification, tellOwnerOfExistingAccount } from "~/models.server";
import { publicOrigin } from "~/lib/open-data.server";
import { stakeholderTypes } from "../../models/taxonomy";

export const meta = titleMeta;

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "account");
  if (await getUser(request)) throw redirect("/me");
  const sent = new URL(request.url).searchParams.get("sent") === "1";
  return json({ title: t(sent ? "register.sentTitle" : "register.title"), stakeholderTypes, minLength: PASSWORD_MIN, sent });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const v = validateForm(form, registerSchema);
  if (honeypotFilled(form)) {
    // A bot: answer as if something was wrong, create nothing.
    return json({ errors: { form: "errors.tryAgain" } as Record<string, string>, values: v.values, minutes: 0 }, { status: 400 });
  }
  if (!v.ok) return json({ errors: v.errors, values: v.values, minutes: 0 }, { status: 400 });
  const wait = await registrationLockedFor(context.clientIp ?? "unknown");
  if (wait > 0) {
    return json(
      { errors: { form: "errors.rateLimited" } as Record<string, string>, values: v.values, minutes: wait },
      { status: 429, headers: { "Retry-After": String(wait * 60) } },
    );
  }
  const result = await registerUser({ ...v.data, locale: i18nFor(request).locale });
  // The same answer whether the address is new or already has an account: the difference only
  // shows in that address's inbox (a confirmation link, or "you already have an account").
  if (!result.ok && result.error === "errors.emailTaken") {
    await tellOwnerOfExistingAccount(v.data.email);
    return redirect("/register?sent=1");
  }
  if (!result.ok) return json({ errors: { [result.field]: result.error } as Record<string, string>, values: v.values, minutes: 0 }, { status: 400 });
  await sendVerification(result.user, publicOrigin(request));
  return redirect("/register?sent=1");
}

export default function Register() {
  const { stakeholderTypes: types, minLength, sent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(["account", "taxonomy"]);
  const errors = data?.errors;
  const values = (data?.values ?? {}) as Record<string, string>;
  const labels = {
    displayName: t("fields.displayName"),
    email: t("fields.email"),
    password: t("fields.password"),
    organization: t("fields.organization"),
    stakeholderType: t("fields.stakeholderType"),
    country: t("fields.country"),
  };
  if (sent) {
    return (
      <div className="container narrow">
        <h1>{t("register.sentTitle")}</h1>
        <div className="notice" role="status">
          <p>{t("register.sent")}</p>
        </div>
        <p>
          <Link to="/login">{t("register.login")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="container narrow">
      <h1>{t("register.title")}</h1>
      <p>{t("register.lead")}</p>
      {errors?.form ? (
        <div className="error-summary" role="alert">
          {t(errors.form, { count: data?.minutes ?? 0 })}
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="stack" noValidate>
        <CsrfField />
        <Honeypot />
        <TextField name="displayName" label={labels.displayName} required maxLength={80} autoComplete="name" defaultValue={values.displayName} errors={errors} />
        <TextField name="email" type="email" label={labels.email} required maxLength={254} autoComplete="email" defaultValue={values.email} errors={errors} />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          required
          minLength={minLength}
          maxLength={200}
          autoComplete="new-password"
          hint={t("register.passwordHint", { count: minLength })}
          errors={errors}
        />
        <TextField name="organization" label={labels.organization} required maxLength={200} autoComplete="organization" hint={t("fields.organizationHint")} defaultValue={values.organization} errors={errors} />
        <AffiliationFields types={types} values={values} errors={errors} labels={labels} countryRequired />
        <button type="submit">{t("register.submit")}</button>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("register.login")}</Link>
      </p>
    </div>
  );
}
