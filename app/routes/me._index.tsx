import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AffiliationFields, ErrorSummary, TextArea, TextField } from "~/components/account-fields";
import { CsrfField } from "~/components/csrf-field";
import { mailSettingsSchema, profileSchema } from "~/lib/account.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { logoutEverywhere, requireUser, sessionCount } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import { profileOf, sendVerification, updateMailSettings, updateProfile } from "~/models.server";
import { mailCadences, mailCategories } from "../../models/mail-preferences";
import { languageNames, supportedLanguages } from "~/i18n/config";
import { publicOrigin } from "~/lib/open-data.server";
import { stakeholderTypes } from "../../models/taxonomy";

export const meta = titleMeta;

let zones: string[] | null = null;
/** The IANA time zones this runtime knows (UTC first), computed once. */
function timeZoneList(): string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return zones;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = i18nFor(request, "account");
  const url = new URL(request.url);
  const [profile, sessions] = await Promise.all([profileOf(String(user._id)), sessionCount(String(user._id))]);
  if (!profile) throw redirect("/login");
  return json({
    title: t("me.title"),
    profile,
    sessions,
    stakeholderTypes,
    timeZones: timeZoneList(),
    notice: url.searchParams.get("welcome") === "1" ? "me.welcome" : url.searchParams.get("saved") === "1" ? "me.saved" : url.searchParams.get("password") === "1" ? "password.changed" : url.searchParams.get("mail") === "1" ? "mail.saved" : url.searchParams.get("verify") === "1" ? "mail.resent" : "",
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
  if (intent === "resend-verification") {
    if (!user.emailVerifiedAt) await sendVerification(user, publicOrigin(request));
    return redirect("/me?verify=1");
  }
  if (intent === "mail") {
    const v = validateForm(form, mailSettingsSchema);
    if (!v.ok) return json({ errors: v.errors, values: v.values }, { status: 400 });
    const { locale, timeZone, digestHour, moderation, ...rest } = v.data;
    const current = (await profileOf(String(user._id)))?.mail.prefs;
    await updateMailSettings(String(user._id), { locale, timeZone, digestHour, prefs: { ...rest, moderation: moderation ?? current?.moderation ?? "immediate" } });
    return redirect("/me?mail=1#email");
  }
  if (intent !== "profile") return json({ errors: { form: "errors.invalid" } as Record<string, string>, values: {} as Record<string, string> }, { status: 400 });
  const v = validateForm(form, profileSchema);
  if (!v.ok) return json({ errors: v.errors, values: v.values }, { status: 400 });
  await updateProfile(String(user._id), v.data);
  return redirect("/me?saved=1");
}

export default function Me() {
  const { profile, sessions, stakeholderTypes: types, timeZones, notice } = useLoaderData<typeof loader>();
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
          {t(notice, { email: profile.email })}
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
        <AffiliationFields types={types} values={values} errors={errors} labels={labels} />
        <TextArea name="bio" label={labels.bio} maxLength={1000} defaultValue={values.bio} errors={errors} />
        <button type="submit">{t("me.save")}</button>
      </Form>

      <EmailSettings profile={profile} timeZones={timeZones} errors={errors} values={(data?.values ?? {}) as Record<string, string>} />

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

type Profile = ReturnType<typeof useLoaderData<typeof loader>>["profile"];

function EmailSettings({ profile, timeZones, errors, values }: { profile: Profile; timeZones: string[]; errors?: Record<string, string>; values: Record<string, string> }) {
  const { t } = useTranslation("account");
  const isModerator = profile.roles.includes("moderator") || profile.roles.includes("admin");
  const categories = mailCategories.filter((c) => c !== "moderation" || isModerator);
  const value = (name: string, stored: string | number) => values[name] ?? String(stored);
  return (
    <section aria-labelledby="email">
      <h2 id="email">{t("mail.title")}</h2>
      {profile.emailVerified ? (
        <p>{t("mail.verified")}</p>
      ) : (
        <Form method="post" className="stack">
          <CsrfField />
          <input type="hidden" name="intent" value="resend-verification" />
          <p className="notice">{t("mail.unverified")}</p>
          <button type="submit" className="secondary">
            {t("mail.resend")}
          </button>
        </Form>
      )}
      <p>{t("mail.lead")}</p>
      <Form method="post" className="stack" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="mail" />
        {categories.map((c) => (
          <fieldset key={c} className="choice-group">
            <legend>{t(`mail.categories.${c}`)}</legend>
            {errors?.[c] ? <p className="field-error">{t(errors[c])}</p> : null}
            {mailCadences.map((cad) => (
              <label key={cad} className="choice">
                <input type="radio" name={c} value={cad} defaultChecked={value(c, profile.mail.prefs[c]) === cad} /> {t(`mail.cadence.${cad}`)}
              </label>
            ))}
          </fieldset>
        ))}
        <div className="field">
          <label htmlFor="mail-locale">{t("mail.language")}</label>
          <select id="mail-locale" name="locale" defaultValue={value("locale", profile.mail.locale)}>
            {supportedLanguages.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mail-tz">{t("mail.timeZone")}</label>
          <select id="mail-tz" name="timeZone" defaultValue={value("timeZone", profile.mail.timeZone)} aria-invalid={errors?.timeZone ? true : undefined}>
            {timeZones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </select>
          {errors?.timeZone ? <p className="field-error">{t(errors.timeZone)}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="mail-hour">{t("mail.digestHour")}</label>
          <select id="mail-hour" name="digestHour" defaultValue={value("digestHour", profile.mail.digestHour)} aria-describedby="mail-hour-hint">
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>
                {`${String(h).padStart(2, "0")}:00`}
              </option>
            ))}
          </select>
          <p className="hint" id="mail-hour-hint">
            {t("mail.digestHourHint")}
          </p>
        </div>
        <button type="submit">{t("mail.save")}</button>
      </Form>
    </section>
  );
}
