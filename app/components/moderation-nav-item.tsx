// The header's moderation item: a link to what waits for this moderator, with a badge of the
// total and an accessible name that spells out each count ("Moderation: 3 submissions,
// 1 report, 0 held posts"). Space moderators see their spaces' reports and held posts only.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface ModerationCountsView {
  submissions: number | null;
  reports: number;
  held: number;
  href: string;
}

export function ModerationNavItem({ counts }: { counts: ModerationCountsView | null | undefined }) {
  const { t } = useTranslation();
  if (!counts) return null;
  const parts = [
    ...(counts.submissions === null ? [] : [t("nav.count.submissions", { count: counts.submissions })]),
    t("nav.count.reports", { count: counts.reports }),
    t("nav.count.held", { count: counts.held }),
  ];
  const total = (counts.submissions ?? 0) + counts.reports + counts.held;
  return (
    <li>
      <NavLink to={counts.href} aria-label={t("nav.moderationLabel", { moderation: t("nav.moderation"), counts: parts.join(", ") })} className="moderation-link">
        {t("nav.moderation")}
        {total > 0 ? (
          <>
            {" "}
            <span className="badge" aria-hidden="true">
              {total}
            </span>
          </>
        ) : null}
      </NavLink>
    </li>
  );
}
