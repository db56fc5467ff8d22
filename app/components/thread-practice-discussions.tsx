import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "./formatted";

/** "Discussions about this practice" on a practice page. */
export function PracticeDiscussions({ discussions }: { discussions: { id: string; title: string; language: string; replyCount: number; lastPostAt: string }[] }) {
  const { t } = useTranslation("threads");
  return (
    <section aria-labelledby="practice-discussions" className="practice-discussions">
      <h2 id="practice-discussions">{t("practice.discussions")}</h2>
      {discussions.length ? (
        <ul>
          {discussions.map((d) => (
            <li key={d.id}>
              <Link to={`/threads/${d.id}`} lang={d.language}>
                {d.title}
              </Link>{" "}
              <span className="card-meta">
                ({t("detail.replies", { count: d.replyCount })} · <FormattedDate iso={d.lastPostAt} />)
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("practice.noDiscussions")}</p>
      )}
      <p>
        <Link to="/spaces">{t("practice.startInSpace")}</Link>
      </p>
    </section>
  );
}
