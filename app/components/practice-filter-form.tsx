import { useTranslation } from "react-i18next";
import { useCountryOptions } from "~/i18n/country-options";
import { evidenceKey, evidenceLevels, sdgTargetList, sdgTargetTitle } from "../../models/practice-evidence";
import { contentLanguages, objectiveKey, objectives, principleKey, principles, regionKey, regions } from "../../models/taxonomy";

interface Props {
  filters: { objective: number[]; principle: string[]; region: string[]; country: string[]; lang: string[]; sdg?: string[]; evidence?: string[] };
}

/** A plain GET form: works without JavaScript. */
export function PracticeFilterForm({ filters }: Props) {
  const { t, i18n } = useTranslation(["practices", "taxonomy", "common"]);
  const countries = useCountryOptions();
  const lang = i18n.language;
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
      <label htmlFor="f-sdg">{t("filters.sdg")}</label>
      <select id="f-sdg" name="sdg" defaultValue={filters.sdg?.[0] ?? ""}>
        <option value="">{t("filters.any")}</option>
        {sdgTargetList.map((s) => {
          const title = sdgTargetTitle(s.id, lang);
          return (
            <option key={s.id} value={s.id} title={title}>
              {s.id} {title.length > 60 ? `${title.slice(0, 57)}…` : title}
            </option>
          );
        })}
      </select>
      <label htmlFor="f-evidence">{t("filters.evidence")}</label>
      <select id="f-evidence" name="evidence" defaultValue={filters.evidence?.[0] ?? ""}>
        <option value="">{t("filters.any")}</option>
        {evidenceLevels.map((l) => (
          <option key={l} value={l}>
            {t(evidenceKey(l))}
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
