// Field-by-field word diff of two versions of a practice's content (review page, compare page).
import { diffWords } from "diff";
import { practiceSectionKeys } from "./practice-form";
import type { PracticeLabels } from "./practice-labels";

export interface DiffablePractice {
  title: string;
  summary: string;
  language: string;
  sections: Record<string, { text: string }>;
  organizations: string[];
  partners: string[];
  countries: string[];
  scope: string;
  objectives: number[];
  principles: string[];
  stakeholderTypes: string[];
  startDate: Date | string | null;
  endDate: Date | string | null;
  implementationStatus: string;
  budgetRange: string;
  fundingSource: string;
  contact: { name: string; email: string; public?: boolean };
  links: { title: string; url: string }[];
  // Absent in snapshots older than the evidence fields.
  sdgTargets?: string[];
  evidenceLevel?: string;
  evaluationUrl?: string;
  outcomes?: { indicator: string; baseline: string; result: string; year: number | null; source: string }[];
  peopleReached?: { count: number | null; who: string };
}

const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : "");

/** Each comparable field as text, in display order; coded values read as `labels` says (the
 *  same labels the form shows), one item a line. */
export function diffFields(p: DiffablePractice, labels: PracticeLabels): [string, string][] {
  const lines = <T,>(xs: T[], label: (x: T) => string) => xs.map(label).join("\n");
  return [
    ["title", p.title],
    ["summary", p.summary],
    ["language", labels.language(p.language)],
    ...practiceSectionKeys.map((k): [string, string] => [`sections.${k}`, p.sections[k]?.text ?? ""]),
    ["organizations", p.organizations.join("\n")],
    ["partners", p.partners.join("\n")],
    ["countries", lines(p.countries, labels.country)],
    ["scope", labels.scope(p.scope)],
    ["objectives", lines(p.objectives, labels.objective)],
    ["principles", lines(p.principles, labels.principle)],
    ["stakeholderTypes", lines(p.stakeholderTypes, labels.stakeholderType)],
    ["startDate", day(p.startDate)],
    ["endDate", day(p.endDate)],
    ["implementationStatus", labels.implementationStatus(p.implementationStatus)],
    ["budgetRange", labels.budgetRange(p.budgetRange)],
    ["fundingSource", p.fundingSource],
    ["contact", [p.contact.name, p.contact.email].filter(Boolean).join(" · ")],
    ["links", p.links.map((l) => `${l.title} ${l.url}`.trim()).join("\n")],
    ["sdgTargets", lines(p.sdgTargets ?? [], labels.sdgTarget)],
    ["evidenceLevel", labels.evidenceLevel(p.evidenceLevel ?? "not-assessed")],
    ["evaluationUrl", p.evaluationUrl ?? ""],
    [
      "outcomes",
      (p.outcomes ?? [])
        .map((o) => [o.indicator, o.baseline && `${o.baseline} →`, o.result, o.year ?? "", o.source && `(${o.source})`].filter(Boolean).join(" "))
        .join("\n"),
    ],
    ["peopleReached", [p.peopleReached?.count ?? "", p.peopleReached?.who ?? ""].filter((x) => x !== "").join(" ")],
  ];
}

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}
export interface FieldDiff {
  field: string;
  changed: boolean;
  parts: DiffPart[];
}

/** Word diff of the fields that changed, in display order; `before` null means a first version
 *  (every field with a value is new). Unchanged fields are left out: the pages show changes only,
 *  and a word diff of a long unchanged section is most of the work (and of the page's data). */
export function diffPractices(before: DiffablePractice | null, after: DiffablePractice, labels: PracticeLabels): FieldDiff[] {
  const a = new Map(before ? diffFields(before, labels) : []);
  const out: FieldDiff[] = [];
  for (const [field, text] of diffFields(after, labels)) {
    const old = a.get(field) ?? "";
    if (old === text) continue;
    const parts = !old ? [{ value: text, added: true }] : !text ? [{ value: old, removed: true }] : diffWords(old, text).map((c) => ({ value: c.value, ...(c.added ? { added: true } : {}), ...(c.removed ? { removed: true } : {}) }));
    out.push({ field, changed: true, parts });
  }
  return out;
}
