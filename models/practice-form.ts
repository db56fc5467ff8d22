// What the practice form shows and posts: plain, serializable values (also what comes back,
// unchanged, when the server refuses a submission). Pure: used by the browser and the server.
export const practiceSectionKeys = ["context", "description", "implementation", "results", "lessons", "replicability"] as const;
export type PracticeSectionKey = (typeof practiceSectionKeys)[number];

export const MAX_LINKS = 5;
export const MAX_SUMMARY = 600;
export const MAX_TITLE = 200;

export interface PracticeFormValues {
  title: string;
  summary: string;
  sections: Record<PracticeSectionKey, { text: string; state: string }>;
  organizations: string;
  partners: string;
  countries: string[];
  scope: string;
  objectives: string[];
  principles: string[];
  stakeholderTypes: string[];
  startDate: string;
  endDate: string;
  implementationStatus: string;
  budgetRange: string;
  fundingSource: string;
  language: string;
  contactName: string;
  contactEmail: string;
  /** The contact person shows the address on the page (else messages are relayed). */
  contactPublic: boolean;
  links: { title: string; url: string }[];
  sdgTargets: string[];
  evidenceLevel: string;
  evaluationUrl: string;
  /** Outcome rows as typed (year as text). */
  outcomes: { indicator: string; baseline: string; result: string; year: string; source: string }[];
  peopleCount: string;
  peopleWho: string;
  /** The call for practices this practice answers (an id), or "". */
  callId: string;
  /** The original this is a translation of (a hidden field), or "". */
  translationOf: string;
}

/** Field names (as posted) that must be filled before a practice can be submitted for review. */
export const requiredForSubmit = [
  "title",
  "summary",
  "description",
  "organizations",
  "objectives",
  "principles",
  "language",
  "scope",
  "implementationStatus",
  "contactName",
  "evidenceLevel",
] as const;
export const isRequired = (name: string) => (requiredForSubmit as readonly string[]).includes(name);

export function emptyPracticeValues(language = "en"): PracticeFormValues {
  return {
    title: "",
    summary: "",
    sections: Object.fromEntries(practiceSectionKeys.map((k) => [k, { text: "", state: "" }])) as PracticeFormValues["sections"],
    organizations: "",
    partners: "",
    countries: [],
    scope: "national",
    objectives: [],
    principles: [],
    stakeholderTypes: [],
    startDate: "",
    endDate: "",
    implementationStatus: "ongoing",
    budgetRange: "unknown",
    fundingSource: "",
    language,
    contactName: "",
    contactEmail: "",
    contactPublic: false,
    links: [],
    sdgTargets: [],
    evidenceLevel: "not-assessed",
    evaluationUrl: "",
    outcomes: [],
    peopleCount: "",
    peopleWho: "",
    callId: "",
    translationOf: "",
  };
}
