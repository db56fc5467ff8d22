import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "./formatted";

export interface SpaceCardData {
  slug: string;
  title: string;
  description: string;
  languages: string[];
  opensAt: string | null;
  closesAt: string | null;
  open: boolean;
  threadCount: number;
}

/**
 * Whether a space is open and the date that matters next: "opens …" before it opens, "closes …"
 * while open, "closed since …" once closed (never an opening date in the past).
 */
export function SpaceDates({ opensAt, closesAt, open }: { opensAt: string | null; closesAt: string | null; open: boolean }) {
  const { t } = useTranslation("threads");
  const notYetOpen = !open && Boolean(opensAt) && new Date(opensAt!).getTime() > Date.now();
  const status = open ? t("spaces.open") : notYetOpen ? t("spaces.notYetOpen") : t("spaces.closed");
  const next = notYetOpen ? { key: "spaces.opens", iso: opensAt! } : open ? (closesAt ? { key: "spaces.closes", iso: closesAt } : null) : closesAt ? { key: "spaces.closedSince", iso: closesAt } : null;
  return (
    <>
      <strong>{status}</strong>
      {next ? (
        <>
          {" · "}
          {t(next.key)} <FormattedDate iso={next.iso} />
        </>
      ) : null}
    </>
  );
}

export function SpaceCard({ space: s }: { space: SpaceCardData }) {
  const { t } = useTranslation(["threads", "common"]);
  return (
    <article className="card" aria-labelledby={`space-${s.slug}`}>
      <h2 className="card-title" id={`space-${s.slug}`}>
        <Link to={`/spaces/${s.slug}`}>{s.title}</Link>
      </h2>
      <p className="card-meta">
        <SpaceDates opensAt={s.opensAt} closesAt={s.closesAt} open={s.open} /> · {t("spaces.threadCount", { count: s.threadCount })} ·{" "}
        {s.languages.map((l) => t(`language.${l}`, { ns: "common" })).join(", ")}
      </p>
      <p>{s.description}</p>
    </article>
  );
}
