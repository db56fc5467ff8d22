import { useTranslation } from "react-i18next";

/** Dates and numbers through Intl, in the page's language. */
export function FormattedDate({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const { i18n } = useTranslation();
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const text = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: "UTC",
  }).format(d);
  return <time dateTime={iso}>{text}</time>;
}

export function useNumberFormat() {
  const { i18n } = useTranslation();
  return (n: number) => new Intl.NumberFormat(i18n.language).format(n);
}
