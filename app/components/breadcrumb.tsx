import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The trail above a page's h1: each step a link to a parent page. */
export function Breadcrumb({ items }: { items: { to: string; label: ReactNode }[] }) {
  const { t } = useTranslation("common");
  return (
    <nav aria-label={t("breadcrumb")} className="breadcrumb">
      <ol>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{item.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
