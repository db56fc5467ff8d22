import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { useCountryOptions } from "~/i18n/country-options";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import {
  countryName,
  isCountry,
  listOrganizations,
} from "~/models.server";
import { isStakeholderType, stakeholderTypes } from "../../models/taxonomy";

export const meta = titleMeta;
const PER_PAGE = 30;

const querySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  type: z.string().max(60).catch(""),
  country: z.string().max(3).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "organizations");
  const sp = new URL(request.url).searchParams;
  const parsed = querySchema.parse({
    q: sp.get("q") ?? "",
    type: sp.get("type") ?? "",
    country: sp.get("country") ?? "",
    page: sp.get("page") ?? "1",
  });
  const query = {
    ...parsed,
    type: isStakeholderType(parsed.type) ? parsed.type : "",
    country: isCountry(parsed.country)
      ? parsed.country
      : "",
  };
  const { total, organizations } = await listOrganizations({
    ...query,
    perPage: PER_PAGE,
  });
  return json({
    title: t("list.title"),
    query,
    total,
    perPage: PER_PAGE,
    organizations: organizations.map((o) => ({
      ...o,
      countryName: o.country ? countryName(o.country, locale) : "",
    })),
  });
}

export default function Organizations() {
  const { query, total, perPage, organizations } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation(["organizations", "taxonomy"]);
  const countries = useCountryOptions();
  return (
    <div className="container">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      <Form
        method="get"
        className="filter-row"
        role="search"
        aria-label={t("list.searchLabel")}
      >
        <label htmlFor="org-q">{t("list.search")}</label>
        <input
          id="org-q"
          name="q"
          type="search"
          maxLength={100}
          defaultValue={query.q}
        />
        <label htmlFor="org-type">{t("fields.type")}</label>
        <select id="org-type" name="type" defaultValue={query.type}>
          <option value="">{t("list.anyType")}</option>
          {stakeholderTypes.map((s) => (
            <option key={s} value={s}>
              {t(`stakeholder.${s}`, { ns: "taxonomy" })}
            </option>
          ))}
        </select>
        <label htmlFor="org-country">{t("fields.country")}</label>
        <select id="org-country" name="country" defaultValue={query.country}>
          <option value="">{t("list.anyCountry")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit">{t("list.apply")}</button>
      </Form>
      <p role="status">{t("list.count", { count: total })}</p>
      {organizations.length ? (
        <ul className="org-list">
          {organizations.map((o) => (
            <li key={o.id}>
              <Link to={`/organizations/${o.slug}`}>{o.name}</Link>
              {o.acronym ? ` (${o.acronym})` : ""}
              {" · "}
              {t(`stakeholder.${o.type}`, { ns: "taxonomy" })}
              {o.countryName ? ` · ${o.countryName}` : ""}
              {o.reviewed ? null : ` · ${t("detail.unreviewed")}`}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("list.none")}</p>
      )}
      <Pagination page={query.page} perPage={perPage} total={total} />
    </div>
  );
}
