// Field-by-field word diff of two versions of a practice's content (review page, compare page).
import { diffWords } from "diff";
import { practiceSectionKeys } from "./practice-form";

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
  contact: { name: string; email: string };
  links: { title: string; url: string }[];
}

const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : "");

/** Each comparable field as text, in display order. */
export function diffFields(p: DiffablePractice): [string, string][] {
  return [
    ["title", p.title],
    ["summary", p.summary],
    ["language", p.language],
    ...practiceSectionKeys.map((k): [string, string] => [`sections.${k}`, p.sections[k]?.text ?? ""]),
    ["organizations", p.organizations.join("\n")],
    ["partners", p.partners.join("\n")],
    ["countries", p.countries.join(", ")],
    ["scope", p.scope],
    ["objectives", p.objectives.join(", ")],
    ["principles", p.principles.join(", ")],
    ["stakeholderTypes", p.stakeholderTypes.join(", ")],
    ["startDate", day(p.startDate)],
    ["endDate", day(p.endDate)],
    ["implementationStatus", p.implementationStatus],
    ["budgetRange", p.budgetRange],
    ["fundingSource", p.fundingSource],
    ["contact", [p.contact.name, p.contact.email].filter(Boolean).join(" · ")],
    ["links", p.links.map((l) => `${l.title} ${l.url}`.trim()).join("\n")],
  ];
}

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}
export interface FieldDiff {
  field: string;
  before: string;
  after: string;
  changed: boolean;
  parts: DiffPart[];
}

/** Word diff per field; `before` null means a first version (everything is new). */
export function diffPractices(before: DiffablePractice | null, after: DiffablePractice): FieldDiff[] {
  const a = new Map(before ? diffFields(before) : []);
  return diffFields(after).map(([field, text]) => {
    const old = a.get(field) ?? "";
    const parts = diffWords(old, text).map((c) => ({ value: c.value, ...(c.added ? { added: true } : {}), ...(c.removed ? { removed: true } : {}) }));
    return { field, before: old, after: text, changed: old !== text, parts };
  });
}
