// A rich-text form field. Without JavaScript (and during server rendering) it is a plain
// textarea (paragraphs separated by blank lines). In the browser the Lexical editor, loaded
// lazily, replaces it and posts `<name>State` (serialized editor state) instead.
import { lazy, Suspense, useEffect, useState } from "react";
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

const LexicalField = lazy(() => import("./lexical-editor.client"));

let hydratedOnce = false;
/** False during server rendering and the first (hydrating) client render, true afterwards. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(hydratedOnce);
  useEffect(() => {
    hydratedOnce = true;
    setHydrated(true);
  }, []);
  return hydrated;
}

export function RichTextField({ name, id, label, hint, required, defaultText, defaultState, error, rows = 8 }: RichTextFieldProps) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const fieldId = id ?? `f-${name}`;
  const labelId = `${fieldId}-label`;
  const describedBy = [hint ? `${fieldId}-hint` : "", error ? `${fieldId}-error` : ""].filter(Boolean).join(" ") || undefined;
  const requiredMark = required ? <span className="required"> ({t("form.required")})</span> : null;
  const textarea = (
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
  );
  return (
    <div className="field rich-text-field">
      {hydrated ? (
        <p className="field-label" id={labelId}>
          {label}
          {requiredMark}
        </p>
      ) : (
        <label htmlFor={fieldId} id={labelId}>
          {label}
          {requiredMark}
        </label>
      )}
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
      {hydrated ? (
        <Suspense fallback={textarea}>
          <LexicalField
            name={name}
            fieldId={fieldId}
            labelId={labelId}
            describedBy={describedBy}
            invalid={Boolean(error)}
            required={required}
            defaultState={defaultState}
            defaultText={defaultText}
          />
        </Suspense>
      ) : (
        textarea
      )}
    </div>
  );
}
