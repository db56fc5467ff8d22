// Reading the practice form: every posted value is kept (to show again on errors), checked
// against the taxonomy allowlists, and turned into content (models/practice-content.ts).
import { readRichTextField } from "../../models/rich-text/field.server";
import { isCountry, regionsOf } from "../../models/geo.server";
import {
  emptyPracticeValues,
  MAX_LINKS,
  MAX_SUMMARY,
  MAX_TITLE,
  practiceSectionKeys,
  type PracticeFormValues,
} from "../../models/practice-form";
import { missingForSubmit, type PracticeContent, type RichTextValue } from "../../models/practice-content";
import {
  budgetRanges,
  implementationStatuses,
  isContentLanguage,
  isObjective,
  isPrinciple,
  isStakeholderType,
  scopes,
} from "../../models/taxonomy";

import { z } from "zod";
import { DEFAULT_EVIDENCE_LEVEL, evidenceLevels, isSdgTarget, MAX_OUTCOMES, orderTargets, type Outcome } from "../../models/practice-evidence";

export type PracticeErrors = Record<string, string>;

const str = (form: FormData, name: string, max = 10_000) => {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};
const all = (form: FormData, name: string, max = 300) =>
  form
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .slice(0, max)
    .map((v) => v.trim())
    .filter(Boolean);
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim().slice(0, 200))
    .filter(Boolean)
    .slice(0, 30);

function parseDate(s: string): Date | null | "invalid" {
  if (!s) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return "invalid";
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) return "invalid";
  const y = d.getUTCFullYear();
  return y < 1950 || y > 2100 ? "invalid" : d;
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && Boolean(u.hostname);
  } catch {
    return false;
  }
}

const EMAIL = /^[^\s@<>"']{1,64}@[^\s@<>"']{1,190}\.[a-z]{2,}$/i;

/**
 * Reads the form. `level` "draft" only needs a title (and valid formats); "submit" also needs
 * every required field. `content` is null when there are errors.
 */
export function readPracticeForm(form: FormData, level: "draft" | "submit"): {
  values: PracticeFormValues;
  errors: PracticeErrors;
  content: PracticeContent | null;
} {
  const errors: PracticeErrors = {};
  const v = emptyPracticeValues();
  v.title = str(form, "title", 1000).trim();
  v.summary = str(form, "summary", 5000).trim();
  v.organizations = str(form, "organizations", 5000);
  v.partners = str(form, "partners", 5000);
  v.countries = all(form, "countries");
  v.scope = str(form, "scope", 50);
  v.objectives = all(form, "objectives", 50);
  v.principles = all(form, "principles", 50);
  v.stakeholderTypes = all(form, "stakeholderTypes", 50);
  v.startDate = str(form, "startDate", 20).trim();
  v.endDate = str(form, "endDate", 20).trim();
  v.implementationStatus = str(form, "implementationStatus", 50);
  v.budgetRange = str(form, "budgetRange", 50);
  v.fundingSource = str(form, "fundingSource", 1000).trim();
  v.language = str(form, "language", 10);
  v.contactName = str(form, "contactName", 500).trim();
  v.contactEmail = str(form, "contactEmail", 500).trim();
  v.contactPublic = form.get("contactPublic") === "1";
  v.callId = str(form, "callId", 40).trim();
  v.translationOf = str(form, "translationOf", 40).trim();
  // Links are posted as linkTitle-0 / linkUrl-0 … (repeated linkTitle / linkUrl names work too).
  const linkStr = (name: string, max: number) => Array.from({ length: MAX_LINKS }, (_, i) => str(form, `${name}-${i}`, max));
  const repeated = (name: string, max: number) => form.getAll(name).map((x) => (typeof x === "string" ? x.slice(0, max) : ""));
  const linkTitles = [...linkStr("linkTitle", 500), ...repeated("linkTitle", 500)];
  const linkUrls = [...linkStr("linkUrl", 2000), ...repeated("linkUrl", 2000)];
  v.links = linkUrls
    .map((url, i) => ({ title: (linkTitles[i] ?? "").trim(), url: url.trim() }))
    .filter((l) => l.title || l.url)
    .slice(0, MAX_LINKS);

  const evidence = readEvidence(form, v, errors);

  const sections = {} as Record<string, RichTextValue>;
  for (const k of practiceSectionKeys) {
    const r = readRichTextField(form, k);
    if (r.ok) {
      sections[k] = r.value;
      v.sections[k] = { text: r.value.text, state: r.value.state };
    } else {
      errors[k] = r.error === "too-large" ? "form.errors.tooLong" : "form.errors.richTextInvalid";
      v.sections[k] = { text: r.plain, state: "" };
      sections[k] = { state: "", html: "", text: "" };
    }
  }

  if (!v.title) errors.title = "form.errors.titleRequired";
  else if (v.title.length > MAX_TITLE) errors.title = "form.errors.tooLong";
  if (v.summary.length > MAX_SUMMARY) errors.summary = "form.errors.summaryTooLong";
  const countries = v.countries.map((c) => c.toUpperCase());
  if (countries.some((c) => !isCountry(c))) errors.countries = "form.errors.invalidChoice";
  if (v.scope && !(scopes as readonly string[]).includes(v.scope)) errors.scope = "form.errors.invalidChoice";
  const objectives = v.objectives.map(Number);
  if (v.objectives.some((o) => !/^\d{1,2}$/.test(o)) || objectives.some((o) => !isObjective(o))) errors.objectives = "form.errors.invalidChoice";
  if (v.principles.some((p) => !isPrinciple(p))) errors.principles = "form.errors.invalidChoice";
  if (v.stakeholderTypes.some((s) => !isStakeholderType(s))) errors.stakeholderTypes = "form.errors.invalidChoice";
  if (v.implementationStatus && !(implementationStatuses as readonly string[]).includes(v.implementationStatus))
    errors.implementationStatus = "form.errors.invalidChoice";
  if (v.budgetRange && !(budgetRanges as readonly string[]).includes(v.budgetRange)) errors.budgetRange = "form.errors.invalidChoice";
  if (v.language && !isContentLanguage(v.language)) errors.language = "form.errors.invalidChoice";
  const start = parseDate(v.startDate);
  const end = parseDate(v.endDate);
  if (start === "invalid") errors.startDate = "form.errors.invalidDate";
  if (end === "invalid") errors.endDate = "form.errors.invalidDate";
  if (start instanceof Date && end instanceof Date && end < start) errors.endDate = "form.errors.endBeforeStart";
  if (v.contactEmail && !EMAIL.test(v.contactEmail)) errors.contactEmail = "form.errors.invalidEmail";
  if (v.fundingSource.length > 200) errors.fundingSource = "form.errors.tooLong";
  if (v.contactName.length > 120) errors.contactName = "form.errors.tooLong";
  v.links.forEach((l, i) => {
    if (!l.url || !isHttpUrl(l.url)) errors[`linkUrl-${i}`] = "form.errors.invalidUrl";
    if (l.title.length > 200) errors[`linkTitle-${i}`] = "form.errors.tooLong";
  });
  const organizations = lines(v.organizations);
  const partners = lines(v.partners);

  const { regions, subregions } = regionsOf(countries);
  const content: PracticeContent = {
    language: isContentLanguage(v.language) ? v.language : "en",
    title: v.title.slice(0, MAX_TITLE),
    summary: v.summary.slice(0, MAX_SUMMARY),
    sections: sections as PracticeContent["sections"],
    organizations,
    partners,
    countries,
    regions,
    subregions,
    scope: v.scope || "national",
    objectives: [...new Set(objectives)].sort((a, b) => a - b),
    principles: [...new Set(v.principles)],
    stakeholderTypes: [...new Set(v.stakeholderTypes)],
    startDate: start instanceof Date ? start : null,
    endDate: end instanceof Date ? end : null,
    implementationStatus: v.implementationStatus || "ongoing",
    budgetRange: v.budgetRange || "unknown",
    fundingSource: v.fundingSource,
    contact: { name: v.contactName, email: v.contactEmail, public: v.contactPublic && !!v.contactEmail },
    links: v.links,
    ...evidence,
  };
  if (level === "submit") {
    if (!v.evidenceLevel) errors.evidenceLevel ??= "form.errors.required";
    // Required fields: only where the value itself is missing (format errors take precedence).
    for (const name of missingForSubmit(content)) errors[name] ??= "form.errors.required";
    if (!v.language) errors.language ??= "form.errors.required";
    if (!v.scope) errors.scope ??= "form.errors.required";
    if (!v.implementationStatus) errors.implementationStatus ??= "form.errors.required";
  }
  return { values: v, errors, content: Object.keys(errors).length ? null : content };
}

// ── Evidence: SDG targets, evidence level, evaluation link, outcomes (models/practice-evidence.ts)
const text = (max: number) => z.string().max(max, "form.errors.tooLong");
const yearText = z
  .string()
  .refine((y) => y === "" || (/^\d{4}$/.test(y) && Number(y) >= 1950 && Number(y) <= 2100), "form.errors.invalidYear");
const outcomeRow = z.object({
  indicator: text(200).min(1, "form.errors.required"),
  baseline: text(200),
  result: text(200).min(1, "form.errors.required"),
  year: yearText,
  source: text(300),
});
const outcomeFieldName = { indicator: "outcomeIndicator", baseline: "outcomeBaseline", result: "outcomeResult", year: "outcomeYear", source: "outcomeSource" } as const;
const evidenceSchema = z.object({
  sdgTargets: z.array(z.string().refine(isSdgTarget, "form.errors.invalidChoice")).max(40, "form.errors.invalidChoice"),
  // "" is handled by the caller (a draft takes the default; a submission says "required").
  evidenceLevel: z.string().refine((l) => l === "" || (evidenceLevels as readonly string[]).includes(l), "form.errors.invalidChoice"),
  evaluationUrl: z.string().refine((u) => u === "" || (u.length <= 2000 && isHttpUrl(u)), "form.errors.invalidUrl"),
  peopleCount: z.string().refine((n) => n === "" || (/^\d{1,12}$/.test(n) && Number(n) <= 10_000_000_000), "form.errors.invalidNumber"),
  peopleWho: text(200),
});

/** Reads the evidence fields into `v` (as typed) and `errors`; returns the content part. */
function readEvidence(form: FormData, v: PracticeFormValues, errors: PracticeErrors) {
  v.sdgTargets = all(form, "sdgTargets", 50);
  v.evidenceLevel = str(form, "evidenceLevel", 50).trim();
  v.evaluationUrl = str(form, "evaluationUrl", 2100).trim();
  v.peopleCount = str(form, "peopleCount", 40).trim().replace(/[\s\u00a0\u202f]/g, ""); // "12 500" is fine; "12,500" / "12.500" are ambiguous across languages: refused
  v.peopleWho = str(form, "peopleWho", 500).trim();
  // Rows are posted as outcomeIndicator-0 … outcomeSource-9; a row with nothing typed is no row.
  v.outcomes = Array.from({ length: MAX_OUTCOMES }, (_, i) => ({
    indicator: str(form, `outcomeIndicator-${i}`, 500).trim(),
    baseline: str(form, `outcomeBaseline-${i}`, 500).trim(),
    result: str(form, `outcomeResult-${i}`, 500).trim(),
    year: str(form, `outcomeYear-${i}`, 20).trim(),
    source: str(form, `outcomeSource-${i}`, 500).trim(),
  })).filter((o) => o.indicator || o.baseline || o.result || o.year || o.source);

  const parsed = evidenceSchema.safeParse(v);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const outcomes: Outcome[] = [];
  v.outcomes.forEach((row, i) => {
    const r = outcomeRow.safeParse(row);
    if (!r.success) {
      for (const issue of r.error.issues) errors[`${outcomeFieldName[issue.path[0] as keyof typeof outcomeFieldName]}-${i}`] ??= issue.message;
    } else outcomes.push({ ...r.data, year: r.data.year ? Number(r.data.year) : null });
  });
  return {
    sdgTargets: orderTargets(v.sdgTargets),
    evidenceLevel: (evidenceLevels as readonly string[]).includes(v.evidenceLevel) ? v.evidenceLevel : DEFAULT_EVIDENCE_LEVEL,
    evaluationUrl: errors.evaluationUrl ? "" : v.evaluationUrl,
    outcomes,
    peopleReached: { count: v.peopleCount && !errors.peopleCount ? Number(v.peopleCount) : null, who: v.peopleWho.slice(0, 200) },
  };
}

// ── The shared action of /practices/new and /practices/:id/edit ─────────────────────────
import { json, redirect } from "@remix-run/node";
import { createDraft, saveOwnerEdit } from "../../models/practice-draft.server";
import { applyTransition } from "../../models/practice-review.server";
import type { PracticeDoc } from "../../models/practice.server";
import type { Types } from "mongoose";
import { callInfo, checkPracticeCall, setPracticeCall } from "../../models/call.server";
import { checkTranslation, setPracticeTranslation } from "../../models/practice-translation.server";

export type PracticeIntent = "save" | "submit" | "autosave";

export async function handlePracticePost(form: FormData, userId: Types.ObjectId | string, existing: PracticeDoc | null, owner: { verified: boolean }) {
  const raw = form.get("intent");
  const intent: PracticeIntent = raw === "submit" || raw === "autosave" ? raw : "save";
  const { values, errors, content } = readPracticeForm(form, intent === "submit" ? "submit" : "draft");
  // The call it answers (calls, decision 031): unknown -> field error; not open -> refused on submit.
  const callCheck = await checkPracticeCall(values.callId);
  const call = callCheck.call ? callInfo(callCheck.call) : null;
  if (callCheck.error === "unknown") errors.callId = "calls:practice.errors.unknown";
  else if (callCheck.error && intent === "submit") errors.callId = `calls:practice.errors.${callCheck.error}`;
  // A translation (?translation= on /practices/new): of a published practice, in a language it lacks.
  const translationOf = existing ? (existing.translationOf ? String(existing.translationOf) : "") : values.translationOf;
  values.translationOf = translationOf;
  const translation = await checkTranslation(translationOf, values.language, existing ? String(existing._id) : null);
  if (translation.error === "unknown") errors.form = "form.errors.translationUnknown";
  if (translation.error === "sameLanguage") errors.language = "form.errors.translationExists";
  if (translation.error && intent !== "autosave") return json({ errors, values, call }, { status: 400 });
  if (translation.error) return json({ autosave: true, errors, savedAt: null, id: existing ? String(existing._id) : null }, { status: 400 });
  if (errors.callId && intent !== "autosave") return json({ errors, values, call }, { status: 400 });
  if (errors.callId) return json({ autosave: true, errors, savedAt: null, id: existing ? String(existing._id) : null }, { status: 400 });
  if (intent === "autosave") {
    if (!content) return json({ autosave: true, errors, savedAt: null, id: existing ? String(existing._id) : null }, { status: 400 });
  } else if (!content) {
    return json({ errors, values }, { status: 400 });
  }
  const c = content!;
  let id: string;
  if (existing) {
    const r = await saveOwnerEdit(existing, c);
    if (!r.ok) {
      if (intent === "autosave") return json({ autosave: true, errors: { form: "form.errors.notEditable" }, savedAt: null, id: String(existing._id) }, { status: 409 });
      return json({ errors: { form: "form.errors.notEditable" }, values }, { status: 409 });
    }
    id = String(existing._id);
  } else {
    id = String((await createDraft(userId, c))._id);
    if (translation.original) await setPracticeTranslation(id, translation.original._id);
  }
  await setPracticeCall(id, callCheck.call?._id ?? null);
  if (intent === "autosave") return json({ autosave: true, errors: null, savedAt: new Date().toISOString(), id });
  if (intent === "submit" && !owner.verified) {
    // Unconfirmed addresses draft but do not submit (decision 042): the draft is saved, the page says why.
    return redirect(`/practices/${id}/edit?unverified=1`);
  }
  if (intent === "submit") {
    const t = await applyTransition(id, "submit", { id: userId, as: "owner" });
    if (!t.ok) {
      const errs: Record<string, string> = { form: "form.errors.notSubmittable" };
      for (const m of t.missing ?? []) errs[m] = "form.errors.required";
      return json({ errors: errs, values, call }, { status: t.error === "incomplete" ? 400 : 409 });
    }
    return redirect(`/me/practices?submitted=${id}`);
  }
  return redirect(`/practices/${id}/edit?saved=1`);
}
