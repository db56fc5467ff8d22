// A rich-text form field. Without JavaScript it is a plain textarea (paragraphs separated by
// blank lines). The Lexical editor enhances it in the browser and posts `<name>State`.
import { useTranslation } from "react-i18next";

export interface RichTextFieldProps {
  name: string;
  id?: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** Plain text to show in the textarea. */
  defaultText?: string;
  /** Serialized Lexical state, when there is one. */
  defaultState?: string;
  error?: string;
  rows?: number;
}

export function RichTextField({ name, id, label, hint, required, defaultText, error, rows = 8 }: RichTextFieldProps) {
  const { t } = useTranslation();
  const fieldId = id ?? `f-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : "", error ? `${fieldId}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId}>
        {label}
        {required ? <span className="required"> ({t("form.required")})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {error}
        </p>
      ) : null}
      <textarea
        id={fieldId}
        name={name}
        rows={rows}
        defaultValue={defaultText ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-required={required ? true : undefined}
        maxLength={20000}
      />
    </div>
  );
}
