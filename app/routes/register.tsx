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
import { createSession, getUser } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import { countryOptions, PASSWORD_MIN, registerUser, sendVerification } from "~/models.server";
import { publicOrigin } from "~/lib/open-data.server";
import { stakeholderTypes } from "../../models/taxonomy";

export const meta = titleMeta;

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "account");
  if (await getUser(request)) throw redirect("/me");
  return json({ title: t("register.title"), countries: countryOptions(locale), stakeholderTypes, minLength: PASSWORD_MIN });
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
  if (!result.ok) return json({ errors: { [result.field]: result.error } as Record<string, string>, values: v.values, minutes: 0 }, { status: 400 });
  await sendVerification(result.user, publicOrigin(request));
  const cookie = await createSession(request, String(result.user._id));
  return redirect("/me?welcome=1", { headers: { "Set-Cookie": cookie } });
}

export default function Register() {
  const { countries, stakeholderTypes: types, minLength } = useLoaderData<typeof loader>();
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
        <AffiliationFields types={types} countries={countries} values={values} errors={errors} labels={labels} countryRequired />
        <button type="submit">{t("register.submit")}</button>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("register.login")}</Link>
      </p>
    </div>
  );
}
