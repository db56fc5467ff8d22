import { useTranslation } from "react-i18next";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("site.footer")}</p>
        <p>
          <a href="/organizations">{t("nav.organizations", { ns: "organizations" })}</a> · <a href="/api">{t("site.openData")}</a> · <a href="/feeds/practices.xml" type="application/atom+xml">{t("site.feed")}</a>
        </p>
      </div>
    </footer>
  );
}
