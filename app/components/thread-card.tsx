import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "./formatted";

export interface ThreadCardData {
  id: string;
  title: string;
  language: string;
  author: string;
  replyCount: number;
  lastPostAt: string;
  excerpt: string;
  pinned: boolean;
  locked: boolean;
  held: boolean;
  hidden: boolean;
}

export function ThreadCard({ th }: { th: ThreadCardData }) {
  const { t } = useTranslation("threads");
  const flags = [th.pinned && t("detail.pinned"), th.locked && t("detail.locked"), th.held && t("detail.held"), th.hidden && t("detail.hidden")].filter(Boolean) as string[];
  return (
    <article className="card" aria-labelledby={`th-${th.id}`}>
      <h2 className="card-title" id={`th-${th.id}`}>
        <Link to={`/threads/${th.id}`}>
          <span lang={th.language}>{th.title}</span>
        </Link>
      </h2>
      {flags.length ? (
        <ul className="tags">
          {flags.map((f) => (
            <li key={f} className="tag">
              {f}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="card-meta">
        {t("list.meta", { author: th.author, count: th.replyCount })} · {t("list.lastActivity")} <FormattedDate iso={th.lastPostAt} />
      </p>
      <p lang={th.language}>{th.excerpt}</p>
    </article>
  );
}
