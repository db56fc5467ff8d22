import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { countryName, publicProfile } from "~/models.server";
import { idParam } from "~/lib/params.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "account");
  const profile = await publicProfile(idParam(request, params));
  if (!profile) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  return json({ title: profile.displayName, profile, countryName: profile.country ? countryName(profile.country, locale) : "" });
}

export default function UserProfile() {
  const { profile: p, countryName: country } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["account", "taxonomy"]);
  const staff = p.roles.filter((r) => r !== "member");
  return (
    <div className="container">
      <h1>{p.displayName}</h1>
      <dl className="facts">
        {p.organization ? (
          <>
            <dt>{t("fields.organization")}</dt>
            <dd>{p.organizationSlug ? <Link to={`/organizations/${p.organizationSlug}`}>{p.organization}</Link> : p.organization}</dd>
          </>
        ) : null}
        <dt>{t("fields.stakeholderType")}</dt>
        <dd>{t(`stakeholder.${p.stakeholderType}`, { ns: "taxonomy" })}</dd>
        {country ? (
          <>
            <dt>{t("fields.country")}</dt>
            <dd>{country}</dd>
          </>
        ) : null}
        {staff.length ? (
          <>
            <dt>{t("me.roles")}</dt>
            <dd>{staff.map((r) => t(`roles.${r}`)).join(", ")}</dd>
          </>
        ) : null}
        {p.memberSince ? (
          <>
            <dt>{t("profile.memberSince")}</dt>
            <dd>
              <FormattedDate iso={p.memberSince} />
            </dd>
          </>
        ) : null}
      </dl>
      {p.bio ? <p className="bio">{p.bio}</p> : null}

      <h2>{t("profile.practices")}</h2>
      {p.practices.length ? (
        <ul>
          {p.practices.map((pr) => (
            <li key={pr.slug}>
              <Link to={`/practices/${pr.slug}`} lang={pr.language}>
                {pr.title}
              </Link>
              {pr.publishedAt ? (
                <>
                  {" · "}
                  <FormattedDate iso={pr.publishedAt} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("profile.noPractices")}</p>
      )}

      <h2>{t("profile.threads")}</h2>
      {p.threads.length ? (
        <ul>
          {p.threads.map((th) => (
            <li key={th.id}>
              <Link to={`/threads/${th.id}`} lang={th.language}>
                {th.title}
              </Link>{" "}
              · {t("profile.replies", { count: th.replyCount })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("profile.noThreads")}</p>
      )}
    </div>
  );
}
