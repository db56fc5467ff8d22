import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, type RefObject } from "react";
import { useTranslation } from "react-i18next";

export interface RelatedItem {
  id: string;
  slug: string;
  title: string;
  language: string;
  reason: string;
}

function RelatedList({ items }: { items: RelatedItem[] }) {
  const { t } = useTranslation("practices");
  return (
    <ul className="related-list">
      {items.map((r) => (
        <li key={r.id}>
          <Link to={`/practices/${r.slug}`} lang={r.language}>
            {r.title}
          </Link>{" "}
          <span className="card-meta">({t(`related.reason.${r.reason}`, { defaultValue: t("related.reason.topic") })})</span>
        </li>
      ))}
    </ul>
  );
}

/** "Related practices" at the foot of a practice page; nothing at all when there are none. */
export function RelatedPractices({ items }: { items: RelatedItem[] }) {
  const { t } = useTranslation("practices");
  if (!items.length) return null;
  return (
    <section aria-labelledby="related-practices" className="related-practices">
      <h2 id="related-practices">{t("related.title")}</h2>
      <RelatedList items={items} />
    </section>
  );
}

/** Reads the title and the checked objectives of the practice form. */
function formQuery(form: HTMLFormElement | null, practiceId?: string): string | null {
  if (!form) return null;
  const fd = new FormData(form);
  const title = String(fd.get("title") ?? "").trim();
  const objectives = fd.getAll("objectives").map(String).filter(Boolean);
  if (title.length < 3 || !objectives.length) return null;
  const qs = new URLSearchParams({ title: title.slice(0, 200) });
  for (const o of objectives) qs.append("objective", o);
  if (practiceId) qs.set("id", practiceId);
  return `/practices/similar?${qs}`;
}

/** "Similar practices already published", beside the practice form's title. Without JavaScript it
 *  shows what the server found at the last save; with it, a debounced fetcher keeps it current.
 *  Never blocks: it is information, not a check. */
export function SimilarPractices({ formRef, initial = [], practiceId, delayMs = 700 }: { formRef: RefObject<HTMLFormElement>; initial?: RelatedItem[]; practiceId?: string; delayMs?: number }) {
  const { t } = useTranslation("practices");
  const fetcher = useFetcher<{ items?: RelatedItem[] }>();
  const last = useRef<string | null>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    let timer: number | undefined;
    const onChange = (e: Event) => {
      const target = e.target as HTMLInputElement | null;
      if (!target || (target.name !== "title" && target.name !== "objectives")) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const url = formQuery(form, practiceId);
        if (!url || url === last.current) return;
        last.current = url;
        fetcher.load(url);
      }, delayMs);
    };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    return () => {
      window.clearTimeout(timer);
      form.removeEventListener("input", onChange);
      form.removeEventListener("change", onChange);
    };
    // fetcher.load is stable enough for this; re-binding on every fetcher state would reset the debounce.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, practiceId, delayMs]);
  const items = fetcher.data?.items ?? initial;
  return (
    <div className="similar-practices" aria-live="polite" id="similar-practices">
      {items.length ? (
        <div className="notice">
          <p>
            <strong>{t("related.similarTitle")}</strong> {t("related.similarHint")}
          </p>
          <RelatedList items={items} />
        </div>
      ) : null}
    </div>
  );
}

/** "Possible duplicates" on the moderation review page: always shown, so "none" is said aloud. */
export function PossibleDuplicates({ items }: { items: { id: string; slug: string; title: string; language: string; reason: string; similarity: number }[] }) {
  const { t } = useTranslation("moderation");
  return (
    <section aria-labelledby="duplicates-title" className="possible-duplicates">
      <h2 id="duplicates-title">{t("review.duplicates.title")}</h2>
      {items.length ? (
        <ul>
          {items.map((d) => (
            <li key={d.id}>
              <Link to={`/practices/${d.slug}`} lang={d.language}>
                {d.title}
              </Link>{" "}
              <span className="card-meta">({t(`review.duplicates.reason.${d.reason}`, { percent: Math.round(d.similarity * 100) })})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t("review.duplicates.none")}</p>
      )}
    </section>
  );
}
