import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CallRawInput } from "../../models/call-rules";
import { contentLanguages, objectiveKey, objectives, regionKey, regions } from "../../models/taxonomy";
import { CsrfField } from "./csrf-field";
import { ErrorText } from "./thread-form";

/** An admin's call for practices: title/description per language, objectives, regions, dates, contact. */
export function CallForm({ values, errors, submitLabel }: { values: CallRawInput; errors: Record<string, string>; submitLabel: string }) {
  const { t } = useTranslation(["calls", "common", "taxonomy"]);
  const err = (k: string) => (errors[k] ? t(errors[k]) : undefined);
  const desc = (k: string, hint = false) => [hint ? `c-${k}-hint` : "", errors[k] ? `c-${k}-error` : ""].filter(Boolean).join(" ") || undefined;
  const input = (k: "slug" | "opensAt" | "closesAt" | "contactName" | "contactEmail", type: string, required = false, hint = false) => (
    <div className="field">
      <label htmlFor={`c-${k}`}>
        {t(`fields.${k}`)}
        {required ? <span className="required"> ({t("form.required", { ns: "common" })})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`c-${k}-hint`}>
          {t(`fields.${k}Hint`)}
        </p>
      ) : null}
      <ErrorText id={`c-${k}-error`} error={err(k)} />
      <input id={`c-${k}`} name={k} type={type} defaultValue={values[k]} aria-invalid={errors[k] ? true : undefined} aria-describedby={desc(k, hint)} required={required} />
    </div>
  );
  return (
    <Form method="post" noValidate>
      <CsrfField />
      {Object.keys(errors).length ? (
        <p className="error-summary" role="alert">
          {t("form.errorSummary", { ns: "common" })} {Object.values(errors).map((e) => t(e)).join(" ")}
        </p>
      ) : null}
      <fieldset>
        <legend>{t("fields.texts")}</legend>
        <p className="hint">{t("fields.textsHint")}</p>
        {contentLanguages.map((l) => (
          <fieldset key={l} className="field">
            <legend>{t(`language.${l}`, { ns: "common" })}</legend>
            <div className="field">
              <label htmlFor={`c-title_${l}`}>{t("fields.title")}</label>
              <ErrorText id={`c-title_${l}-error`} error={err(`title_${l}`)} />
              <input id={`c-title_${l}`} name={`title_${l}`} lang={l} maxLength={200} defaultValue={values.title[l]} aria-invalid={errors[`title_${l}`] ? true : undefined} aria-describedby={desc(`title_${l}`)} />
            </div>
            <div className="field">
              <label htmlFor={`c-description_${l}`}>{t("fields.description")}</label>
              <p className="hint" id={`c-description_${l}-hint`}>
                {t("fields.descriptionHint")}
              </p>
              <ErrorText id={`c-description_${l}-error`} error={err(`description_${l}`)} />
              <textarea id={`c-description_${l}`} name={`description_${l}`} lang={l} rows={6} maxLength={8000} defaultValue={values.description[l]} aria-invalid={errors[`description_${l}`] ? true : undefined} aria-describedby={desc(`description_${l}`, true)} />
            </div>
          </fieldset>
        ))}
      </fieldset>
      {input("slug", "text", false, true)}
      <fieldset className="field checkbox-grid" aria-describedby={errors.objectives ? "c-objectives-error" : undefined}>
        <legend>
          {t("fields.objectives")}
          <span className="required"> ({t("form.required", { ns: "common" })})</span>
        </legend>
        <ErrorText id="c-objectives-error" error={err("objectives")} />
        {objectives.map((n) => (
          <label key={n} className="checkbox">
            <input type="checkbox" name="objectives" value={n} defaultChecked={values.objectives.includes(String(n))} /> {n}. {t(objectiveKey(n), { ns: "taxonomy" })}
          </label>
        ))}
      </fieldset>
      <fieldset className="field" aria-describedby={["c-regions-hint", errors.regions ? "c-regions-error" : ""].filter(Boolean).join(" ")}>
        <legend>{t("fields.regions")}</legend>
        <p className="hint" id="c-regions-hint">
          {t("fields.regionsHint")}
        </p>
        <ErrorText id="c-regions-error" error={err("regions")} />
        {regions.map((r) => (
          <label key={r} className="checkbox">
            <input type="checkbox" name="regions" value={r} defaultChecked={values.regions.includes(r)} /> {t(regionKey(r), { ns: "taxonomy" })}
          </label>
        ))}
      </fieldset>
      {input("opensAt", "date", true)}
      {input("closesAt", "date", true, true)}
      {input("contactName", "text")}
      {input("contactEmail", "email")}
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
