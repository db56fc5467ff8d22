import { useTranslation } from "react-i18next";
import type { CallInfo } from "../../models/call.server";
import { localized } from "../../models/call-rules";
import { dateFormat } from "./formatted";

/** "This practice answers the call: [select]" in the practice form (calls, decision 031). */
export function CallSelect({ calls, value, error, errorCall }: { calls: CallInfo[]; value: string; error?: string; errorCall?: CallInfo | null }) {
  const { t, i18n } = useTranslation(["calls"]);
  if (!calls.length && !value) return null;
  const selected = errorCall ?? calls.find((c) => c.id === value) ?? null;
  const title = (c: CallInfo) => localized(c.title, i18n.language).text;
  const date = (iso: string) => dateFormat(i18n.language, false).format(new Date(iso));
  const params = selected
    ? { title: title(selected), date: date(selected.state === "upcoming" ? selected.opensAt : selected.closesAt), contact: selected.contact || t("practice.contactFallback"), interpolation: { escapeValue: false } }
    : {};
  // A saved draft naming a closed call says so, before its owner tries to submit.
  const message = error ? t(error, params) : selected && selected.state === "closed" && selected.id === value ? t("practice.errors.closedDraft", params) : "";
  return (
    <div className="field">
      <label htmlFor="f-callId">{t("practice.label")}</label>
      <p className="hint" id="f-callId-hint">
        {t("practice.hint")}
      </p>
      {message ? (
        <p className="field-error" id="f-callId-error">
          {message}
        </p>
      ) : null}
      <select id="f-callId" name="callId" defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={["f-callId-hint", message ? "f-callId-error" : ""].filter(Boolean).join(" ")}>
        <option value="">{t("practice.none")}</option>
        {calls.map((c) => (
          <option key={c.id} value={c.id}>
            {title(c)}
          </option>
        ))}
        {value && !calls.some((c) => c.id === value) ? <option value={value}>{errorCall ? title(errorCall) : value}</option> : null}
      </select>
    </div>
  );
}
