// Form fields with their error messages wired for assistive technology (aria-invalid,
// aria-describedby), used by the account forms. Errors are i18n keys in the "account" namespace.
import { useTranslation } from "react-i18next";
import { useCountryOptions } from "~/i18n/country-options";

type Errors = Record<string, string> | undefined;

export function ErrorSummary({ errors, labels }: { errors: Errors; labels: Record<string, string> }) {
  const { t } = useTranslation(["account", "common"]);
  const entries = Object.entries(errors ?? {}).filter(([k]) => k in labels);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("form.errorSummary", { ns: "common" })}</h2>
      <ul>
        {entries.map(([name, key]) => (
          <li key={name}>
            <a href={`#${name}`}>
              {labels[name]}: {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: Errors;
  hint?: string;
  required?: boolean;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldMessages({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  const { t } = useTranslation("account");
  return (
    <>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  name,
  label,
  errors,
  hint,
  required,
  type = "text",
  defaultValue,
  autoComplete,
  maxLength,
  minLength,
}: FieldProps & { type?: string; defaultValue?: string; autoComplete?: string; maxLength?: number; minLength?: number }) {
  const error = errors?.[name];
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <input
        id={name}
        name={name}
        type={type}
        required={required}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        maxLength={maxLength}
        minLength={minLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

export function TextArea({ name, label, errors, hint, defaultValue, maxLength }: FieldProps & { defaultValue?: string; maxLength?: number }) {
  const error = errors?.[name];
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <textarea
        id={name}
        name={name}
        rows={5}
        defaultValue={defaultValue}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  required,
  options,
  defaultValue,
  placeholder,
}: FieldProps & { options: { value: string; label: string }[]; defaultValue?: string; placeholder: string }) {
  const error = errors?.[name];
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <select
        id={name}
        name={name}
        required={required}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Stakeholder type and country: the affiliation part of registration and of the profile. */
export function AffiliationFields({
  types,
  values,
  errors,
  labels,
  countryRequired = false,
}: {
  types: string[];
  values: { stakeholderType?: string; country?: string };
  errors: Errors;
  labels: { stakeholderType: string; country: string };
  countryRequired?: boolean;
}) {
  const { t } = useTranslation(["account", "taxonomy"]);
  const countries = useCountryOptions();
  return (
    <>
      <SelectField
        name="stakeholderType"
        label={labels.stakeholderType}
        required
        placeholder={t("fields.choose")}
        options={types.map((s) => ({ value: s, label: t(`stakeholder.${s}`, { ns: "taxonomy" }) }))}
        defaultValue={values.stakeholderType}
        errors={errors}
      />
      <SelectField
        name="country"
        label={labels.country}
        required={countryRequired}
        placeholder={t("fields.choose")}
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
        defaultValue={values.country}
        errors={errors}
      />
    </>
  );
}
