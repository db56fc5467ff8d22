import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AffiliationFields, ErrorSummary, TextArea, TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { profileSchema } from "~/lib/account.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { logoutEverywhere, requireUser, sessionCount } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import { countryOptions, profileOf, updateProfile } from "~/models.server";
import { stakeholderTypes } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = i18nFor(request, "account");
  const url = new URL(request.url);
  const profile = await profileOf(String(user._id));
  if (!profile) throw redirect("/login");
  return json({
    title: t("me.title"),
    profile,
    sessions: await sessionCount(String(user._id)),
    countries: countryOptions(locale),
    stakeholderTypes,
    notice: url.searchParams.get("welcome") === "1" ? "me.welcome" : url.searchParams.get("saved") === "1" ? "me.saved" : url.searchParams.get("password") === "1" ? "password.changed" : "",
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, context);
  const intent = form.get("intent");
  if (intent === "logout-everywhere") {
    const cookie = await logoutEverywhere(request, String(user._id));
    return redirect("/login", { headers: { "Set-Cookie": cookie } });
  }
  if (intent !== "profile") return json({ errors: { form: "errors.invalid" } as Record<string, string>, values: {} as Record<string, string> }, { status: 400 });
  const v = validateForm(form, profileSchema);
  if (!v.ok) return json({ errors: v.errors, values: v.values }, { status: 400 });
  await updateProfile(String(user._id), v.data);
  return redirect("/me?saved=1");
}

export default function Me() {
  const { profile, sessions, countries, stakeholderTypes: types, notice } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(["account", "taxonomy"]);
  const errors = data?.errors;
  const values = { ...profile, ...((data?.values ?? {}) as Record<string, string>) };
  const labels = {
    displayName: t("fields.displayName"),
    organization: t("fields.organization"),
    stakeholderType: t("fields.stakeholderType"),
    country: t("fields.country"),
    bio: t("fields.bio"),
  };
  return (
    <div className="container narrow">
      <h1>{t("me.title")}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>
        {t("me.signedInAs", { email: profile.email })} · {t("me.roles")}: {profile.roles.map((r) => t(`roles.${r}`)).join(", ")}
      </p>
      <p>
        <Link to={`/users/${profile.id}`}>{t("me.publicProfile")}</Link> · <Link to="/me/password">{t("me.changePassword")}</Link>
      </p>

      <h2 id="profile-heading">{t("me.profile")}</h2>
      {errors?.form ? (
        <div className="error-summary" role="alert">
          {t(errors.form)}
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="stack" aria-labelledby="profile-heading" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="profile" />
        <TextField name="displayName" label={labels.displayName} required maxLength={80} autoComplete="name" defaultValue={values.displayName} errors={errors} />
        <TextField name="organization" label={labels.organization} maxLength={200} autoComplete="organization" defaultValue={values.organization} errors={errors} />
        <AffiliationFields types={types} countries={countries} values={values} errors={errors} labels={labels} />
        <TextArea name="bio" label={labels.bio} maxLength={1000} defaultValue={values.bio} errors={errors} />
        <button type="submit">{t("me.save")}</button>
      </Form>

      <h2 id="sessions-heading">{t("me.sessionsTitle")}</h2>
      <p>{t("me.sessions", { count: sessions })}</p>
      <Form method="post" aria-labelledby="sessions-heading">
        <CsrfField />
        <input type="hidden" name="intent" value="logout-everywhere" />
        <p className="hint">{t("me.logoutEverywhereHelp")}</p>
        <button type="submit">{t("me.logoutEverywhere")}</button>
      </Form>
    </div>
  );
}
