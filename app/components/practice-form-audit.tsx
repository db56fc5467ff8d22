// The audit trail of a practice (moderators see it on the review page, submitters on their own items).
import { useTranslation } from "react-i18next";
import type { AuditRow } from "../../models/practice-audit.server";
import { FormattedDate } from "./formatted";

export type AuditItem = AuditRow;

export function PracticeAuditLog({ entries, headingId = "audit-title" }: { entries: AuditItem[]; headingId?: string }) {
  const { t } = useTranslation("moderation");
  return (
    <section aria-labelledby={headingId} className="audit-log">
      <h2 id={headingId}>{t("audit.title")}</h2>
      {entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <ol className="audit-list">
          {entries.map((e) => (
            <li key={e.id}>
              <FormattedDate iso={e.at} withTime /> · {e.actor || t("audit.unknownActor")} ·{" "}
              {t("audit.transition", { from: t(`status.${e.from}`, { ns: "practices" }), to: t(`status.${e.to}`, { ns: "practices" }) })}
              {e.action.endsWith("-revision") ? ` (${t("audit.revision")})` : ""}
              {e.comment ? (
                <blockquote className="audit-comment">
                  <p>{e.comment}</p>
                </blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
