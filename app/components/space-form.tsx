import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contentLanguages } from "../../models/taxonomy";
import { CsrfField } from "./csrf-field";
import { ErrorText } from "./thread-form";

export interface SpaceFormValues {
  title: string;
  slug: string;
  description: string;
  audience: string;
  languages: string[];
  opensAt: string;
  closesAt: string;
  moderators: string;
  holdFirstPosts: boolean;
  titles?: Partial<Record<string, string>>;
  descriptions?: Partial<Record<string, string>>;
}

export function SpaceForm({ values, errors, submitLabel }: { values: SpaceFormValues; errors: Record<string, string>; submitLabel: string }) {
  const { t } = useTranslation(["threads", "common"]);
  const desc = (k: string, hint = false) => [hint ? `s-${k}-hint` : "", errors[k] ? `s-${k}-error` : ""].filter(Boolean).join(" ") || undefined;
  const text = (k: "title" | "slug" | "opensAt" | "closesAt", type = "text", required = false, hint = false) => (
    <div className="field">
      <label htmlFor={`s-${k}`}>
        {t(`space.fields.${k}`)}
        {required ? <span className="required"> ({t("form.required", { ns: "common" })})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`s-${k}-hint`}>
          {t(`space.fields.${k}Hint`)}
        </p>
      ) : null}
      <ErrorText id={`s-${k}-error`} error={errors[k] ? t(errors[k]) : undefined} />
      <input id={`s-${k}`} name={k} type={type} defaultValue={values[k]} aria-invalid={errors[k] ? true : undefined} aria-describedby={desc(k, hint)} required={required} />
    </div>
  );
  const area = (k: "description" | "audience" | "moderators", max: number, hint = false) => (
    <div className="field">
      <label htmlFor={`s-${k}`}>{t(`space.fields.${k}`)}</label>
      {hint ? (
        <p className="hint" id={`s-${k}-hint`}>
          {t(`space.fields.${k}Hint`)}
        </p>
      ) : null}
      <ErrorText id={`s-${k}-error`} error={errors[k] ? t(errors[k]) : undefined} />
      <textarea id={`s-${k}`} name={k} rows={4} maxLength={max} defaultValue={values[k]} aria-invalid={errors[k] ? true : undefined} aria-describedby={desc(k, hint)} />
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
      {text("title", "text", true)}
      {text("slug", "text", false, true)}
      {area("description", 2000)}
      {area("audience", 500)}
      <fieldset className="field">
        <legend>{t("space.fields.otherLanguages")}</legend>
        <p className="hint">{t("space.fields.otherLanguagesHint")}</p>
        {contentLanguages.map((l) => (
          <fieldset key={l} className="field">
            <legend>{t(`language.${l}`, { ns: "common" })}</legend>
            <div className="field">
              <label htmlFor={`s-title_${l}`}>{t("space.fields.title")}</label>
              <ErrorText id={`s-title_${l}-error`} error={errors[`title_${l}`] ? t(errors[`title_${l}`]) : undefined} />
              <input id={`s-title_${l}`} type="text" name={`title_${l}`} lang={l} maxLength={200} defaultValue={values.titles?.[l] ?? ""} aria-invalid={errors[`title_${l}`] ? true : undefined} aria-describedby={errors[`title_${l}`] ? `s-title_${l}-error` : undefined} />
            </div>
            <div className="field">
              <label htmlFor={`s-description_${l}`}>{t("space.fields.description")}</label>
              <ErrorText id={`s-description_${l}-error`} error={errors[`description_${l}`] ? t(errors[`description_${l}`]) : undefined} />
              <textarea id={`s-description_${l}`} name={`description_${l}`} lang={l} rows={3} maxLength={2000} defaultValue={values.descriptions?.[l] ?? ""} aria-invalid={errors[`description_${l}`] ? true : undefined} aria-describedby={errors[`description_${l}`] ? `s-description_${l}-error` : undefined} />
            </div>
          </fieldset>
        ))}
      </fieldset>
      <fieldset className="field" aria-describedby={errors.languages ? "s-languages-error" : undefined}>
        <legend>{t("space.fields.languages")}</legend>
        <ErrorText id="s-languages-error" error={errors.languages ? t(errors.languages) : undefined} />
        {contentLanguages.map((l) => (
          <label key={l} className="checkbox">
            <input type="checkbox" name="languages" value={l} defaultChecked={values.languages.includes(l)} /> {t(`language.${l}`, { ns: "common" })}
          </label>
        ))}
      </fieldset>
      {text("opensAt", "date")}
      {text("closesAt", "date")}
      {area("moderators", 4000, true)}
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="holdFirstPosts" value="1" defaultChecked={values.holdFirstPosts} /> {t("space.fields.holdFirstPosts")}
        </label>
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
