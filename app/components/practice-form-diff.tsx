// Side-by-side word diff of two versions of a practice (text only: nothing here is HTML).
import { useTranslation } from "react-i18next";
import type { FieldDiff } from "../../models/practice-diff";

export function fieldLabelKey(field: string) {
  return field.startsWith("sections.") ? field : `form.labels.${field}`;
}

export function PracticeDiff({ diffs, beforeLabel, afterLabel }: { diffs: FieldDiff[]; beforeLabel: string; afterLabel: string }) {
  const { t } = useTranslation("practices");
  // diffPractices lists only the fields that changed
  const rows = diffs;
  if (rows.length === 0) return <p>{t("diff.noChanges")}</p>;
  return (
    <table className="diff-table">
      <caption className="visually-hidden">{t("diff.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("diff.field")}</th>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.field}>
            <th scope="row">{t(fieldLabelKey(d.field))}</th>
            <td className="diff-before">
              {d.parts
                .filter((p) => !p.added)
                .map((p, i) =>
                  p.removed ? (
                    <del key={i}>
                      <span className="visually-hidden">[{t("diff.removed")}] </span>
                      {p.value}
                    </del>
                  ) : (
                    <span key={i}>{p.value}</span>
                  ),
                )}
            </td>
            <td className="diff-after">
              {d.parts
                .filter((p) => !p.removed)
                .map((p, i) =>
                  p.added ? (
                    <ins key={i}>
                      <span className="visually-hidden">[{t("diff.added")}] </span>
                      {p.value}
                    </ins>
                  ) : (
                    <span key={i}>{p.value}</span>
                  ),
                )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
