import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryOptions } from "~/i18n/country-options";
import { z } from "zod";
import { CsrfField } from "~/components/csrf-field";
import { PracticeCard } from "~/components/practice-card";
import { ThreadCard } from "~/components/thread-card";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { can, forbidden } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { getUser, requireUser } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import {
  countryName,
  findOrganizationBySlug,
  isCountry,
  mergeOrganizations,
  organizationChoices,
  organizationPage,
  safeWebsite,
  setListedOnOrganization,
  updateOrganization,
} from "~/models.server";
import type { Role } from "../../models/user.server";
import { isStakeholderType, stakeholderTypes } from "../../models/taxonomy";

export const meta = titleMeta;

function notFound(request: Request): never {
  const { t } = i18nFor(request, "common");
  throw new Response(t("errors.notFound"), { status: 404 });
}

async function orgOf(request: Request, slug: string | undefined) {
  const found = await findOrganizationBySlug(String(slug ?? ""));
  if (found.redirectTo)
    throw redirect(`/organizations/${found.redirectTo}`, 301);
  if (!found.org) notFound(request);
  return found.org;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "organizations");
  const user = await getUser(request);
  const page = await organizationPage(
    String(params.slug ?? ""),
    user ? String(user._id) : null
  );
  if (page && "redirectTo" in page)
    throw redirect(
      `/organizations/${page.redirectTo}${new URL(request.url).search}`,
      301
    );
  if (!page) notFound(request);
  const moderator = !!user && can(user.roles as Role[], "review:practice");
  const o = page.organization;
  return json({
    title: o.acronym ? `${o.name} (${o.acronym})` : o.name,
    ...page,
    countryName: o.country ? countryName(o.country, locale) : "",
    signedIn: !!user,
    moderator,
    choices: moderator ? await organizationChoices(o.id) : [],
    heading: t("detail.practices"),
  });
}

const text = (max: number) => z.string().trim().max(max, "errors.tooLong");
const editSchema = z.object({
  name: text(200).min(2, "errors.required"),
  acronym: text(20),
  type: z.string().refine(isStakeholderType, "errors.invalid"),
  country: z.string().refine((c) => c === "" || isCountry(c), "errors.invalid"),
  website: text(500).refine(
    (w) => w === "" || safeWebsite(w) !== "",
    "errors.website"
  ),
  description: text(2000),
});
const mergeSchema = z.object({
  into: z.string().regex(/^[a-f0-9]{24}$/, "errors.invalid"),
});
const listedSchema = z.object({
  listed: z.enum(["1", "0"], {
    errorMap: () => ({ message: "errors.invalid" }),
  }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const org = await orgOf(request, params.slug);
  const form = await parseForm(request, context);
  const intent = form.get("intent");
  if (intent === "listed") {
    if (String(user.organizationId ?? "") !== String(org._id))
      throw forbidden(request);
    const v = validateForm(form, listedSchema);
    if (!v.ok)
      return json(
        { intent: "listed", errors: v.errors, values: v.values },
        { status: 400 }
      );
    await setListedOnOrganization(String(user._id), v.data.listed === "1");
    return redirect(`/organizations/${org.slug}`);
  }
  if (!can(user.roles as Role[], "review:practice")) throw forbidden(request);
  if (intent === "edit") {
    const v = validateForm(form, editSchema);
    if (!v.ok)
      return json(
        { intent: "edit", errors: v.errors, values: v.values },
        { status: 400 }
      );
    const r = await updateOrganization(
      String(org._id),
      v.data,
      String(user._id)
    );
    if (!r.ok)
      return json(
        {
          intent: "edit",
          errors: {
            name:
              r.error === "name-taken" ? "errors.nameTaken" : "errors.invalid",
          },
          values: v.values,
        },
        { status: 400 }
      );
    return redirect(`/organizations/${r.slug}`);
  }
  if (intent === "merge") {
    const v = validateForm(form, mergeSchema);
    if (!v.ok)
      return json(
        { intent: "merge", errors: v.errors, values: v.values },
        { status: 400 }
      );
    const r = await mergeOrganizations(
      String(org._id),
      v.data.into,
      String(user._id)
    );
    if (!r.ok)
      return json(
        {
          intent: "merge",
          errors: { into: "errors.invalid" },
          values: v.values,
        },
        { status: 400 }
      );
    return redirect(`/organizations/${r.slug}`);
  }
  return json(
    {
      intent: "",
      errors: { intent: "errors.invalid" } as Record<string, string>,
      values: {} as Record<string, string>,
    },
    { status: 400 }
  );
}

function Field({
  name,
  label,
  errors,
  children,
}: {
  name: string;
  label: string;
  errors: Record<string, string>;
  children: React.ReactNode;
}) {
  const { t } = useTranslation("organizations");
  return (
    <div className="field">
      <label htmlFor={`org-${name}`}>{label}</label>
      {errors[name] ? (
        <p className="field-error" id={`org-${name}-error`}>
          {t(errors[name])}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export default function OrganizationPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(["organizations", "taxonomy"]);
  const countries = useCountryOptions();
  const o = d.organization;
  const errors = (data?.errors ?? {}) as Record<string, string>;
  const editValues =
    data?.intent === "edit" ? (data.values as Record<string, string>) : o;
  const err = (n: string) =>
    errors[n]
      ? { "aria-invalid": true as const, "aria-describedby": `org-${n}-error` }
      : {};
  return (
    <div className="container">
      <h1>
        {o.name}
        {o.acronym ? ` (${o.acronym})` : ""}
      </h1>
      {o.reviewed ? null : (
        <p className="notice">{t("detail.unreviewedNote")}</p>
      )}
      <dl className="facts">
        <dt>{t("fields.type")}</dt>
        <dd>{t(`stakeholder.${o.type}`, { ns: "taxonomy" })}</dd>
        {d.countryName ? (
          <>
            <dt>{t("fields.country")}</dt>
            <dd>{d.countryName}</dd>
          </>
        ) : null}
        {o.website ? (
          <>
            <dt>{t("fields.website")}</dt>
            <dd>
              <a href={o.website} rel="nofollow noopener ugc">
                {o.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {o.description ? <p className="bio">{o.description}</p> : null}

      <h2>{t("detail.practices")}</h2>
      {d.practices.length ? (
        <div className="card-list">
          {d.practices.map((p) => (
            <PracticeCard key={p.slug} practice={p} headingLevel={3} />
          ))}
        </div>
      ) : (
        <p>{t("detail.noPractices")}</p>
      )}

      <h2>{t("detail.members")}</h2>
      {d.members.length ? (
        <ul>
          {d.members.map((m) => (
            <li key={m.id}>
              <Link to={`/users/${m.id}`}>{m.displayName}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("detail.noMembers")}</p>
      )}
      {d.viewer.member ? (
        <Form method="post" className="inline-form">
          <CsrfField />
          <input type="hidden" name="intent" value="listed" />
          <input
            type="hidden"
            name="listed"
            value={d.viewer.listed ? "0" : "1"}
          />
          <p className="hint">
            {t(d.viewer.listed ? "detail.listedYes" : "detail.listedNo")}
          </p>
          <button type="submit">
            {t(d.viewer.listed ? "detail.unlistMe" : "detail.listMe")}
          </button>
        </Form>
      ) : null}

      <h2>{t("detail.discussions")}</h2>
      {d.threads.length ? (
        d.threads.map((th) => <ThreadCard key={th.id} th={th} />)
      ) : (
        <p>{t("detail.noDiscussions")}</p>
      )}

      {d.moderator ? (
        <section aria-labelledby="org-moderate">
          <h2 id="org-moderate">{t("moderate.title")}</h2>
          {Object.keys(errors).length ? (
            <div className="error-summary" role="alert">
              {t("moderate.fix")}
            </div>
          ) : null}
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="edit" />
            <Field name="name" label={t("fields.name")} errors={errors}>
              <input
                id="org-name"
                name="name"
                required
                maxLength={200}
                defaultValue={editValues.name}
                {...err("name")}
              />
            </Field>
            <Field name="acronym" label={t("fields.acronym")} errors={errors}>
              <input
                id="org-acronym"
                name="acronym"
                maxLength={20}
                defaultValue={editValues.acronym}
                {...err("acronym")}
              />
            </Field>
            <Field name="type" label={t("fields.type")} errors={errors}>
              <select
                id="org-type"
                name="type"
                defaultValue={editValues.type}
                {...err("type")}
              >
                {stakeholderTypes.map((s) => (
                  <option key={s} value={s}>
                    {t(`stakeholder.${s}`, { ns: "taxonomy" })}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="country" label={t("fields.country")} errors={errors}>
              <select
                id="org-country"
                name="country"
                defaultValue={editValues.country}
                {...err("country")}
              >
                <option value="">{t("list.anyCountry")}</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="website" label={t("fields.website")} errors={errors}>
              <input
                id="org-website"
                name="website"
                type="url"
                maxLength={500}
                defaultValue={editValues.website}
                {...err("website")}
              />
            </Field>
            <Field
              name="description"
              label={t("fields.description")}
              errors={errors}
            >
              <textarea
                id="org-description"
                name="description"
                rows={4}
                maxLength={2000}
                defaultValue={editValues.description}
                {...err("description")}
              />
            </Field>
            <button type="submit">{t("moderate.save")}</button>
          </Form>
          <h3>{t("moderate.mergeTitle")}</h3>
          <p className="hint">{t("moderate.mergeHelp")}</p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="merge" />
            <Field name="into" label={t("moderate.mergeInto")} errors={errors}>
              <select
                id="org-into"
                name="into"
                required
                defaultValue=""
                {...err("into")}
              >
                <option value="">{t("moderate.choose")}</option>
                {d.choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit">{t("moderate.merge")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
