import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { organizationHref } from "../../models/organization-key";
import { useTranslation } from "react-i18next";
import { objectiveKey, regionSlug } from "../../models/taxonomy";
import { EvidenceBadge } from "./evidence-badge";
import { FormattedDate } from "./formatted";

export interface CardData {
  slug: string;
  title: string;
  summary: string;
  language: string;
  objectives: number[];
  regions: string[];
  organizations: string[];
  evidenceLevel?: string;
  publishedAt: string | null;
  cover?: { thumb: string; alt: string; width: number | null; height: number | null } | null;
}

export function PracticeCard({ practice, headingLevel = 2 }: { practice: CardData; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation(["common", "taxonomy"]);
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className={practice.cover ? "card card-with-cover" : "card"}>
      {practice.cover ? (
        <img
          className="card-cover"
          src={practice.cover.thumb}
          alt={practice.cover.alt}
          width={320}
          height={practice.cover.width && practice.cover.height ? Math.round((320 * practice.cover.height) / practice.cover.width) : 180}
          loading="lazy"
          decoding="async"
        />
      ) : null}
      <H className="card-title">
        <Link to={`/practices/${practice.slug}`} hrefLang={practice.language}>
          <span lang={practice.language}>{practice.title}</span>
        </Link>
      </H>
      <p className="card-meta">
        {practice.organizations.slice(0, 2).map((o, i) => (
          <Fragment key={o}>
            {i ? " · " : ""}
            <Link to={organizationHref(o)}>{o}</Link>
          </Fragment>
        ))}
        {practice.publishedAt ? (
          <>
            {" · "}
            <FormattedDate iso={practice.publishedAt} />
          </>
        ) : null}
      </p>
      <p className="card-evidence">
        <EvidenceBadge level={practice.evidenceLevel} />
      </p>
      <p lang={practice.language}>{practice.summary}</p>
      <ul className="tags">
        {practice.objectives.map((n) => (
          <li key={n}>
            <Link to={`/objectives/${n}`} className="tag">
              {t("practice.objectiveShort", { n })}: {t(objectiveKey(n), { ns: "taxonomy" })}
            </Link>
          </li>
        ))}
        {practice.regions.map((r) => (
          <li key={r}>
            <Link to={`/regions/${regionSlug(r)}`} className="tag tag-region">
              {t(`region.${r}`, { ns: "taxonomy" })}
            </Link>
          </li>
        ))}
      </ul>
    </article>
  );
}
