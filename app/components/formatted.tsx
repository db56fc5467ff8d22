import { useTranslation } from "react-i18next";
import { intlLocale } from "~/i18n/config";

/** Dates and numbers through Intl, in the page's language. */
export function FormattedDate({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const { i18n } = useTranslation();
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const text = dateFormat(i18n.language, withTime).format(d);
  return <time dateTime={iso}>{text}</time>;
}

export function useNumberFormat() {
  const { i18n } = useTranslation();
  const f = numberFormat(i18n.language);
  return (n: number) => f.format(n);
}

// Building an Intl formatter costs far more than using one: one per language and style.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
export function dateFormat(lang: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `d:${lang}:${withTime}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}), timeZone: "UTC" });
    formatters.set(key, f);
  }
  return f;
}
export function numberFormat(lang: string): Intl.NumberFormat {
  const key = `n:${lang}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(lang));
    formatters.set(key, f);
  }
  return f;
}
