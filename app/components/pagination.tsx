import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Previous/next links and where the reader is. With `total`, "Page 2 of 7"; lists that do not
 * count everything (an inbox) pass `hasNext` instead and show "Page 2".
 */
export function Pagination(props: { page: number; perPage: number; total: number } | { page: number; hasNext: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { page } = props;
  const pages = "total" in props ? Math.max(1, Math.ceil(props.total / props.perPage)) : null;
  const hasNext = pages === null ? "hasNext" in props && props.hasNext : page < pages;
  if (page <= 1 && !hasNext) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav aria-label={t("pagination.label")} className="pagination">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span aria-current="page">{pages === null ? t("pagination.page", { page }) : t("pagination.status", { page, pages })}</span>
      {hasNext ? (
        <Link to={href(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
