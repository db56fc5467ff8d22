import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { objectiveKey } from "../../models/taxonomy";
import { EvidenceBadge } from "./evidence-badge";
import { FormattedDate } from "./formatted";

export interface ResultHit {
  type: "practice" | "thread";
  id: string;
  url: string;
  title: string;
  /** Escaped text with <mark> only (built by search/query.server.ts). */
  titleHtml: string;
  snippet: string;
  language: string;
  objectives: number[];
  organizations: string[];
  /** Practices: their evidence level (a badge); absent for threads. */
  evidenceLevel?: string | null;
  publishedAt: string | null;
}

export function SearchResults({ hits }: { hits: ResultHit[] }) {
  const { t, i18n } = useTranslation(["search", "taxonomy", "common"]);
  return (
    <ol className="search-results">
      {hits.map((h) => (
        <li key={`${h.type}-${h.id}`}>
          <article className="card search-hit">
            <p className="search-hit-type">
              <span className={`tag tag-${h.type}`}>{t(`type.${h.type}`)}</span>
              {h.type === "practice" && h.evidenceLevel ? (
                <>
                  {" "}
                  <EvidenceBadge level={h.evidenceLevel} />
                </>
              ) : null}
            </p>
            <h3 className="card-title">
              <Link to={h.url} hrefLang={h.language}>
                <span lang={h.language} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
              </Link>
              {h.language !== i18n.language ? <span className="hit-language"> ({t(`inLanguage.${h.language}`)})</span> : null}
            </h3>
            {h.organizations.length || h.publishedAt ? (
              <p className="card-meta">
                {h.organizations.slice(0, 2).join(" · ")}
                {h.organizations.length && h.publishedAt ? " · " : null}
                {h.publishedAt ? <FormattedDate iso={h.publishedAt} /> : null}
              </p>
            ) : null}
            {h.snippet ? <p className="search-snippet" lang={h.language} dangerouslySetInnerHTML={{ __html: h.snippet }} /> : null}
            {h.objectives.length ? (
              <ul className="tags">
                {h.objectives.map((n) => (
                  <li key={n}>
                    <Link className="tag" to={`/search?objective=${n}`}>
                      {t("objectiveShort", { n })}: {t(objectiveKey(n), { ns: "taxonomy" })}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
