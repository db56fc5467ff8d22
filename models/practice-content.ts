// What a practice holds: its editable content (also the shape of a pending revision and a
// snapshot), the form values shown for it, what a submission still lacks, and which review
// state a practice document is in (models/practice-workflow.ts decides what may happen). Pure.
import { emptyPracticeValues, practiceSectionKeys, type PracticeFormValues, type PracticeSectionKey } from "./practice-form";
import type { PracticeDoc } from "./practice.server";
import { DEFAULT_EVIDENCE_LEVEL, isEvidenceLevel, MAX_OUTCOMES, orderTargets, type Outcome, type PeopleReached } from "./practice-evidence";
import { ownerEditTarget, ownerMayDelete, reviewStatus, type PracticeStatus } from "./practice-workflow";

export interface RichTextValue {
  state: string;
  html: string;
  text: string;
}

/** The editable content of a practice (also the shape of a pending revision and a snapshot). */
export interface PracticeContent {
  language: string;
  title: string;
  summary: string;
  sections: Record<PracticeSectionKey, RichTextValue>;
  organizations: string[];
  partners: string[];
  countries: string[];
  regions: string[];
  subregions: string[];
  scope: string;
  objectives: number[];
  principles: string[];
  stakeholderTypes: string[];
  startDate: Date | null;
  endDate: Date | null;
  implementationStatus: string;
  budgetRange: string;
  fundingSource: string;
  /** `public`: the contact person chose to show the address (decision 045); otherwise the hub relays messages. */
  contact: { name: string; email: string; public: boolean };
  links: { title: string; url: string }[];
  sdgTargets: string[];
  evidenceLevel: string;
  evaluationUrl: string;
  outcomes: Outcome[];
  peopleReached: PeopleReached;
}

const contentKeys = [
  "language", "title", "summary", "sections", "organizations", "partners", "countries", "regions", "subregions", "scope",
  "objectives", "principles", "stakeholderTypes", "startDate", "endDate", "implementationStatus", "budgetRange",
  "fundingSource", "contact", "links", "sdgTargets", "evidenceLevel", "evaluationUrl", "outcomes", "peopleReached",
] as const;

export type ContentSource = Partial<Record<(typeof contentKeys)[number], unknown>>;

/** The content fields of a practice, of its pending revision, or of a snapshot. */
export function contentOf(src: ContentSource | null | undefined): PracticeContent {
  const s = (src ?? {}) as Record<string, unknown>;
  const sections = (s.sections ?? {}) as Record<string, Partial<RichTextValue> | undefined>;
  const contact = (s.contact ?? {}) as { name?: string; email?: string; public?: boolean };
  const arr = <T,>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);
  return {
    language: String(s.language ?? "en"),
    title: String(s.title ?? ""),
    summary: String(s.summary ?? ""),
    sections: Object.fromEntries(
      practiceSectionKeys.map((k) => [k, { state: sections[k]?.state ?? "", html: sections[k]?.html ?? "", text: sections[k]?.text ?? "" }]),
    ) as PracticeContent["sections"],
    organizations: arr<string>(s.organizations),
    partners: arr<string>(s.partners),
    countries: arr<string>(s.countries),
    regions: arr<string>(s.regions),
    subregions: arr<string>(s.subregions),
    scope: String(s.scope ?? "national"),
    objectives: arr<number>(s.objectives),
    principles: arr<string>(s.principles),
    stakeholderTypes: arr<string>(s.stakeholderTypes),
    startDate: s.startDate ? new Date(s.startDate as string) : null,
    endDate: s.endDate ? new Date(s.endDate as string) : null,
    implementationStatus: String(s.implementationStatus ?? "ongoing"),
    budgetRange: String(s.budgetRange ?? "unknown"),
    fundingSource: String(s.fundingSource ?? ""),
    contact: { name: contact.name ?? "", email: contact.email ?? "", public: contact.public === true },
    links: arr<{ title?: string; url?: string }>(s.links).map((l) => ({ title: l.title ?? "", url: l.url ?? "" })),
    sdgTargets: orderTargets(arr<string>(s.sdgTargets)),
    evidenceLevel: isEvidenceLevel(s.evidenceLevel) ? s.evidenceLevel : DEFAULT_EVIDENCE_LEVEL,
    evaluationUrl: String(s.evaluationUrl ?? ""),
    outcomes: arr<Partial<Outcome>>(s.outcomes)
      .slice(0, MAX_OUTCOMES)
      .map((o) => ({
        indicator: o.indicator ?? "",
        baseline: o.baseline ?? "",
        result: o.result ?? "",
        year: typeof o.year === "number" ? o.year : null,
        source: o.source ?? "",
      })),
    peopleReached: {
      count: typeof (s.peopleReached as PeopleReached | undefined)?.count === "number" ? (s.peopleReached as PeopleReached).count : null,
      who: (s.peopleReached as PeopleReached | undefined)?.who ?? "",
    },
  };
}

/** Form values (what the editor shows) from stored content. */
/** The facts of a practice as a form or a review page shows them (dates as YYYY-MM-DD, "" when unset). */
export function practiceFacts(c: PracticeContent) {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
  return {
    scope: c.scope,
    principles: c.principles,
    stakeholderTypes: c.stakeholderTypes,
    startDate: day(c.startDate),
    endDate: day(c.endDate),
    implementationStatus: c.implementationStatus,
    budgetRange: c.budgetRange,
    fundingSource: c.fundingSource,
  };
}

export function valuesOf(c: PracticeContent): PracticeFormValues {
  const v = emptyPracticeValues(c.language);
  return {
    ...v,
    title: c.title,
    summary: c.summary,
    sections: Object.fromEntries(practiceSectionKeys.map((k) => [k, { text: c.sections[k].text, state: c.sections[k].state }])) as PracticeFormValues["sections"],
    organizations: c.organizations.join("\n"),
    partners: c.partners.join("\n"),
    countries: c.countries,
    ...practiceFacts(c),
    objectives: c.objectives.map(String),
    language: c.language,
    contactName: c.contact.name,
    contactEmail: c.contact.email,
    contactPublic: c.contact.public,
    links: c.links,
    sdgTargets: c.sdgTargets,
    evidenceLevel: c.evidenceLevel,
    evaluationUrl: c.evaluationUrl,
    outcomes: c.outcomes.map((o) => ({ ...o, year: o.year === null ? "" : String(o.year) })),
    peopleCount: c.peopleReached.count === null ? "" : String(c.peopleReached.count),
    peopleWho: c.peopleReached.who,
  };
}

/** Names of required fields that are empty (the same names the form posts). */
export function missingForSubmit(c: PracticeContent): string[] {
  const missing: string[] = [];
  if (!c.title.trim()) missing.push("title");
  if (!c.summary.trim()) missing.push("summary");
  if (!c.sections.description.text.trim()) missing.push("description");
  if (c.organizations.length === 0) missing.push("organizations");
  if (c.objectives.length === 0) missing.push("objectives");
  if (c.principles.length === 0) missing.push("principles");
  if (!c.language) missing.push("language");
  if (!c.scope) missing.push("scope");
  if (!c.implementationStatus) missing.push("implementationStatus");
  if (!c.contact.name.trim()) missing.push("contactName");
  if (!c.evidenceLevel) missing.push("evidenceLevel");
  return missing;
}

export const pendingStatusOf = (p: PracticeDoc) => ((p as { pending?: { status?: string } | null }).pending?.status ?? null) as PracticeStatus | null;
export const reviewStatusOf = (p: PracticeDoc) => reviewStatus(p.status as PracticeStatus, pendingStatusOf(p));
export const ownerEditTargetOf = (p: PracticeDoc) => ownerEditTarget(p.status as PracticeStatus, pendingStatusOf(p));

/** The content an owner edits or a moderator reviews: the pending revision when there is one. */
export function workingContent(p: PracticeDoc): PracticeContent {
  const pending = (p as { pending?: ContentSource | null }).pending;
  return contentOf(p.status === "published" && pending ? pending : (p as ContentSource));
}

/** Never published (whatever its status says) and not under review: the owner may delete it. */
export const ownerMayDeletePractice = (p: Pick<PracticeDoc, "status" | "publishedAt">) => ownerMayDelete(p.status as PracticeStatus) && !p.publishedAt;
