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

export function SpaceDates({ opensAt, closesAt, open }: { opensAt: string | null; closesAt: string | null; open: boolean }) {
  const { t } = useTranslation("threads");
  return (
    <>
      <strong>{open ? t("spaces.open") : t("spaces.closed")}</strong>
      {opensAt ? (
        <>
          {" · "}
          {t("spaces.opens")} <FormattedDate iso={opensAt} />
        </>
      ) : null}
      {closesAt ? (
        <>
          {" · "}
          {t("spaces.closes")} <FormattedDate iso={closesAt} />
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
