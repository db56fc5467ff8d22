// The GCM taxonomy (copied from shared/taxonomy/gcm.json) and the allowlists built from it.
// Pure data: safe to import from browser code.
import gcm from "./data/gcm.json";

export const objectives: number[] = gcm.objectives.map((o) => o.n);
export const principles: string[] = gcm.guidingPrinciples.map((p) => p.id);
export const stakeholderTypes: string[] = gcm.stakeholderTypes;
export const regionTree = Object.fromEntries(
  Object.entries(gcm.regions).filter(([k]) => k !== "note"),
) as Record<string, string[]>;
export const regions: string[] = Object.keys(regionTree);
export const subregions: string[] = Object.entries(regionTree)
  .filter(([k]) => k !== "global")
  .flatMap(([, v]) => v);
/** Languages a practice, thread, space or call can be written in: the six UN languages. */
export const contentLanguages = ["en", "fr", "es", "ar", "zh", "ru"] as const;
export type ContentLanguage = (typeof contentLanguages)[number];
export const scopes = ["local", "national", "regional", "global"] as const;
export const implementationStatuses = ["ongoing", "completed"] as const;
export const budgetRanges = ["under-50k", "50k-250k", "250k-1m", "1m-5m", "over-5m", "unknown"] as const;

export const isObjective = (n: unknown): n is number => typeof n === "number" && objectives.includes(n);
export const isPrinciple = (s: unknown): s is string => typeof s === "string" && principles.includes(s);
export const isRegion = (s: unknown): s is string => typeof s === "string" && regions.includes(s);
export const isStakeholderType = (s: unknown): s is string => typeof s === "string" && stakeholderTypes.includes(s);
export const isContentLanguage = (s: unknown): s is ContentLanguage =>
  typeof s === "string" && (contentLanguages as readonly string[]).includes(s);

/** i18n keys in the `taxonomy` namespace. */
export const objectiveKey = (n: number) => `objective.${n}.short`;
export const objectiveTitleKey = (n: number) => `objective.${n}.title`;
export const principleKey = (id: string) => `principle.${id}`;
export const regionKey = (r: string) => `region.${r}`;
/** The region's path segment: /regions/africa. */
export const regionSlug = (r: string) => r.toLowerCase();
export const stakeholderKey = (s: string) => `stakeholder.${s}`;
