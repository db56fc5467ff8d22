import { useTranslation } from "react-i18next";
import { contentLanguages, objectiveKey, objectives, principleKey, principles, regionKey, regions } from "../../models/taxonomy";

interface Props {
  filters: { objective: number[]; principle: string[]; region: string[]; country: string[]; lang: string[] };
  countries: { code: string; name: string }[];
}

/** A plain GET form: works without JavaScript. */
export function PracticeFilterForm({ filters, countries }: Props) {
  const { t } = useTranslation(["practices", "taxonomy", "common"]);
  return (
    <form method="get" className="filter-form" aria-labelledby="filter-title">
      <h2 id="filter-title">{t("filters.title")}</h2>
      <label htmlFor="f-objective">{t("filters.objective")}</label>
      <select id="f-objective" name="objective" defaultValue={filters.objective[0] ? String(filters.objective[0]) : ""}>
        <option value="">{t("filters.any")}</option>
        {objectives.map((n) => (
          <option key={n} value={n}>
            {n}. {t(objectiveKey(n), { ns: "taxonomy" })}
          </option>
        ))}
      </select>
      <label htmlFor="f-principle">{t("filters.principle")}</label>
      <select id="f-principle" name="principle" defaultValue={filters.principle[0] ?? ""}>
        <option value="">{t("filters.any")}</option>
        {principles.map((p) => (
          <option key={p} value={p}>
            {t(principleKey(p), { ns: "taxonomy" })}
          </option>
        ))}
      </select>
      <label htmlFor="f-region">{t("filters.region")}</label>
      <select id="f-region" name="region" defaultValue={filters.region[0] ?? ""}>
        <option value="">{t("filters.any")}</option>
        {regions.map((r) => (
          <option key={r} value={r}>
            {t(regionKey(r), { ns: "taxonomy" })}
          </option>
        ))}
      </select>
      <label htmlFor="f-country">{t("filters.country")}</label>
      <select id="f-country" name="country" defaultValue={filters.country[0] ?? ""}>
        <option value="">{t("filters.any")}</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      <label htmlFor="f-lang">{t("filters.language")}</label>
      <select id="f-lang" name="lang" defaultValue={filters.lang[0] ?? ""}>
        <option value="">{t("filters.any")}</option>
        {contentLanguages.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`, { ns: "common" })}
          </option>
        ))}
      </select>
      <button type="submit">{t("filters.apply")}</button>
      <a href="?" className="secondary-link">
        {t("filters.clear")}
      </a>
    </form>
  );
}
