// What a practice says about its evidence: the SDG targets it serves (with the GCM objective →
// SDG target crosswalk that suggests them), its evidence level, its outcomes, and when it may be
// out of date. Pure data and functions: used by the browser (the form) and the server.
import sdg from "./data/sdg-targets.json";

export interface SdgTarget {
  id: string;
  goal: number;
  title: { en: string; fr: string; es: string; ar?: string; zh?: string; ru?: string };
}

export const sdgTargetList: SdgTarget[] = sdg.targets;
export const sdgTargets: string[] = sdgTargetList.map((t) => t.id);
const byId = new Map(sdgTargetList.map((t) => [t.id, t]));
export const isSdgTarget = (s: unknown): s is string => typeof s === "string" && byId.has(s);

/** The official title of a target in `lang` (English when that language has none). */
export function sdgTargetTitle(id: string, lang: string): string {
  const t = byId.get(id);
  if (!t) return id;
  return (t.title as Record<string, string>)[lang] ?? t.title.en;
}

/** Allowlisted targets in the taxonomy's order (10.2 before 10.7 before 10.c), without repeats. */
export function orderTargets(ids: readonly string[]): string[] {
  const set = new Set(ids.filter(isSdgTarget));
  return sdgTargets.filter((t) => set.has(t));
}

const crosswalk = sdg.crosswalk as Record<string, string[]>;
/** The SDG targets the crosswalk suggests for one GCM objective. */
export const targetsForObjective = (n: number): string[] => crosswalk[String(n)] ?? [];

/** For the chosen objectives: each suggested target with the objectives that suggest it. */
export function suggestedTargets(objectives: readonly number[]): { target: string; objectives: number[] }[] {
  const out = new Map<string, number[]>();
  for (const n of [...objectives].sort((a, b) => a - b)) for (const t of targetsForObjective(n)) out.set(t, [...(out.get(t) ?? []), n]);
  return orderTargets([...out.keys()]).map((target) => ({ target, objectives: out.get(target)! }));
}

/** Evidence levels, weakest first (docs/decisions/021 defines each). */
export const evidenceLevels = ["not-assessed", "monitored", "evaluated-internal", "evaluated-independent", "replicated"] as const;
export type EvidenceLevel = (typeof evidenceLevels)[number];
export const DEFAULT_EVIDENCE_LEVEL: EvidenceLevel = "not-assessed";
export const isEvidenceLevel = (s: unknown): s is EvidenceLevel => typeof s === "string" && (evidenceLevels as readonly string[]).includes(s);
/** i18n key (namespace `practices`) of a level's name. */
export const evidenceKey = (level: string) => `evidence.level.${isEvidenceLevel(level) ? level : DEFAULT_EVIDENCE_LEVEL}`;

export const MAX_OUTCOMES = 10;
/** Empty outcome rows the form adds below the filled ones (no JavaScript needed to add rows). */
export const EMPTY_OUTCOME_ROWS = 3;

export interface Outcome {
  indicator: string;
  baseline: string;
  result: string;
  year: number | null;
  source: string;
}
export interface PeopleReached {
  count: number | null;
  who: string;
}

/** Days after its last update when a practice "may be out of date" (HUB_STALE_AFTER_DAYS). */
export const DEFAULT_STALE_AFTER_DAYS = 3 * 365;
export function staleAfterDays(env: Record<string, string | undefined> = typeof process === "undefined" ? {} : process.env): number {
  const n = Number(env.HUB_STALE_AFTER_DAYS);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : DEFAULT_STALE_AFTER_DAYS;
}
/** Whether content last updated at `updated` may be out of date at `now`. */
export function isStale(updated: Date | string | null | undefined, now: Date = new Date(), days = staleAfterDays()): boolean {
  if (!updated) return false;
  const t = new Date(updated).getTime();
  return Number.isFinite(t) && now.getTime() - t > days * 86_400_000;
}
