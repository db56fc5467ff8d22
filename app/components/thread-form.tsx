import { Form } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { RichTextField } from "~/editor/rich-text-field";
import { contentLanguages, objectiveKey, objectives, regionKey, regions } from "../../models/taxonomy";
import { CsrfField } from "./csrf-field";
import { IdempotencyField, useUnsavedChangesGuard } from "./form-safety";
import { Honeypot } from "./honeypot";

export interface ThreadFormValues {
  title: string;
  body: string;
  bodyState?: string;
  language: string;
  objectives: number[];
  region: string;
  practices: string;
}

export function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

/** A new thread (with `idempotencyKey`: one thread per render of the form) or the edit of one. */
export function ThreadForm({
  values,
  errors,
  submitLabel,
  formError,
  idempotencyKey,
}: {
  values: ThreadFormValues;
  errors: Record<string, string>;
  submitLabel: string;
  formError?: string;
  idempotencyKey?: string;
}) {
  const { t } = useTranslation(["threads", "taxonomy", "common"]);
  const formRef = useRef<HTMLFormElement>(null);
  useUnsavedChangesGuard(formRef);
  const err = (k: string) => (errors[k] ? t(errors[k]) : undefined);
  const described = (k: string, hint?: boolean) => [hint ? `t-${k}-hint` : "", errors[k] ? `t-${k}-error` : ""].filter(Boolean).join(" ") || undefined;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Form method="post" className="thread-form" noValidate ref={formRef}>
      <CsrfField />
      <Honeypot />
      {idempotencyKey ? <IdempotencyField value={idempotencyKey} /> : null}
      {formError ? (
        <p className="error-summary" role="alert">
          {formError}
        </p>
      ) : hasErrors ? (
        <div className="error-summary" role="alert">
          <p>{t("form.errorSummary", { ns: "common" })}</p>
          <ul>
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>
                <a href={k === "body" ? "#f-body" : `#t-${k}`}>{t(v)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="t-title">
          {t("threadForm.title")} <span className="required">({t("form.required", { ns: "common" })})</span>
        </label>
        <ErrorText id="t-title-error" error={err("title")} />
        <input id="t-title" name="title" type="text" maxLength={200} defaultValue={values.title} aria-invalid={errors.title ? true : undefined} aria-describedby={described("title")} required />
      </div>
      <RichTextField name="body" label={t("threadForm.body")} hint={t("threadForm.bodyHint")} required defaultText={values.body} defaultState={values.bodyState} error={err("body")} rows={10} />
      <div className="field">
        <label htmlFor="t-language">{t("threadForm.language")}</label>
        <ErrorText id="t-language-error" error={err("language")} />
        <select id="t-language" name="language" defaultValue={values.language} aria-invalid={errors.language ? true : undefined} aria-describedby={described("language")}>
          {contentLanguages.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`, { ns: "common" })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field objective-fieldset" id="t-objectives" aria-describedby={described("objectives", true)}>
        <legend>{t("threadForm.objectives")}</legend>
        <p className="hint" id="t-objectives-hint">
          {t("threadForm.objectivesHint")}
        </p>
        <ErrorText id="t-objectives-error" error={err("objectives")} />
        <div className="checkbox-grid">
          {objectives.map((n) => (
            <label key={n} className="checkbox">
              <input type="checkbox" name="objectives" value={n} defaultChecked={values.objectives.includes(n)} /> {n}. {t(objectiveKey(n), { ns: "taxonomy" })}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="t-region">{t("threadForm.region")}</label>
        <ErrorText id="t-region-error" error={err("region")} />
        <select id="t-region" name="region" defaultValue={values.region} aria-invalid={errors.region ? true : undefined} aria-describedby={described("region")}>
          {regions.map((r) => (
            <option key={r} value={r}>
              {t(regionKey(r), { ns: "taxonomy" })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="t-practices">{t("threadForm.practices")}</label>
        <p className="hint" id="t-practices-hint">
          {t("threadForm.practicesHint")}
        </p>
        <ErrorText id="t-practices-error" error={errors.practices ? t(errors.practices, { list: values.practices }) : undefined} />
        <textarea id="t-practices" name="practices" rows={3} maxLength={4000} defaultValue={values.practices} aria-invalid={errors.practices ? true : undefined} aria-describedby={described("practices", true)} />
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
