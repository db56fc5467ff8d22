// "How strong is the evidence": the practice's evidence level as a labelled badge (text, not only colour).
import { useTranslation } from "react-i18next";
import { evidenceKey, evidenceLevels, isEvidenceLevel } from "../../models/practice-evidence";

export function EvidenceBadge({ level }: { level: string | null | undefined }) {
  const { t } = useTranslation("practices");
  const lv = isEvidenceLevel(level) ? level : "not-assessed";
  // Strength 1–5 drawn as filled bars; the text says the level, the bars are decoration.
  const strength = evidenceLevels.indexOf(lv) + 1;
  return (
    <span className={`evidence-badge evidence-${lv}`} data-evidence={lv}>
      <span className="evidence-bars" aria-hidden="true">
        {evidenceLevels.map((l, i) => (
          <span key={l} className={i < strength ? "on" : undefined} />
        ))}
      </span>
      {t("evidence.badge", { level: t(evidenceKey(lv)) })}
    </span>
  );
}
