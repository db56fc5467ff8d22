import { useTranslation } from "react-i18next";

/** A field people never see or fill; bots do. Check it with honeypotFilled() on the server. */
export function Honeypot() {
  const { t } = useTranslation();
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="hp-website">{t("form.honeypot")}</label>
      <input id="hp-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
