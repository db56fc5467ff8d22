// Building blocks of the landing pages (home, /objectives, /regions and one page per objective
// and region): counts that tell where the evidence is, each a link into /search.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { objectiveKey, objectives } from "../../models/taxonomy";
import { useNumberFormat } from "./formatted";
import { PracticeCard, type CardData } from "./practice-card";

/** "12 practices · 3 discussions" (discussions only when known). */
export function LandingStats({ total, threads }: { total: number; threads: number | null }) {
  const { t } = useTranslation("common");
  const fmt = useNumberFormat();
  return (
    <p className="landing-stats">
      <strong>{t("landing.practiceCount", { count: total, formatted: fmt(total) })}</strong>
      {threads !== null ? <> · {t("landing.discussionCount", { count: threads, formatted: fmt(threads) })}</> : null}
    </p>
  );
}

/** The summary line, the way into /search and the discussions, and the fallback notice. */
export function LandingSummary(props: {
  total: number;
  threads: number | null;
  search: { to: string; label: string };
  discussions: { to: string; label: string };
  fallback: boolean;
}) {
  return (
    <>
      <LandingStats total={props.total} threads={props.threads} />
      <p className="landing-actions">
        <Link className="button" to={props.search.to}>
          {props.search.label}
        </Link>
        <Link to={props.discussions.to}>{props.discussions.label}</Link>
      </p>
      {props.fallback ? <BreakdownUnavailable /> : null}
    </>
  );
}

export interface CountItem {
  key: string;
  to: string;
  label: string;
  /** null when unknown (the MongoDB fallback has no breakdown). */
  count: number | null;
}

/** A titled list of links with their practice counts; nothing when the list is empty. */
export function CountList({ id, title, items }: { id: string; title: string; items: CountItem[] }) {
  const { t } = useTranslation("common");
  const fmt = useNumberFormat();
  if (!items.length) return null;
  return (
    <section aria-labelledby={id} className="count-section">
      <h2 id={id}>{title}</h2>
      <ul className="count-list">
        {items.map((i) => (
          <li key={i.key}>
            <Link to={i.to}>{i.label}</Link>
            {i.count !== null ? <span className="muted"> {t("landing.practiceCount", { count: i.count, formatted: fmt(i.count) })}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The 23 GCM objectives as tiles with their practice counts, each linking to its page. */
export function ObjectiveTiles({ counts }: { counts: Record<string, number> | null }) {
  const { t } = useTranslation(["common", "taxonomy"]);
  const fmt = useNumberFormat();
  return (
    <ol className="objective-list">
      {objectives.map((n) => (
        <li key={n}>
          <Link to={`/objectives/${n}`}>
            <span className="objective-number">{n}</span>
            <span className="objective-name">{t(objectiveKey(n), { ns: "taxonomy" })}</span>
            {counts ? (
              <span className="objective-count">{t("landing.practiceCount", { count: counts[n] ?? 0, formatted: fmt(counts[n] ?? 0) })}</span>
            ) : null}
          </Link>
        </li>
      ))}
    </ol>
  );
}

/** The newest practices of a landing page, or an invitation to share the first one. */
export function LatestPractices({ practices }: { practices: CardData[] }) {
  const { t } = useTranslation("common");
  return (
    <section aria-labelledby="latest-title">
      <h2 id="latest-title">{t("landing.latest")}</h2>
      {practices.length ? (
        <div className="card-grid">
          {practices.map((p) => (
            <PracticeCard key={p.slug} practice={p} headingLevel={3} />
          ))}
        </div>
      ) : (
        <p>
          {t("landing.none")} <Link to="/practices/new">{t("landing.submit")}</Link>
        </p>
      )}
    </section>
  );
}

/** The notice shown when the breakdowns come from the MongoDB fallback. */
export function BreakdownUnavailable() {
  const { t } = useTranslation("common");
  return (
    <p className="notice" role="status">
      {t("landing.unavailable")}
    </p>
  );
}
