// Reading the discussion forms (new/edit thread, reply, report) from a parsed FormData, and
// turning domain errors into HTTP answers. Errors are i18n keys in the `threads` namespace.
import { readRichTextField } from "./rich-text/field.server";
import type { RichText } from "./rich-text/render.server";
import { isContentLanguage, isObjective, isRegion } from "./taxonomy";
import { DiscussionError } from "./discussion.server";
import { resolvePracticeRefs, type ThreadInput } from "./thread-post.server";
import { REPORT_REASON_MAX, REPORT_REASON_MIN } from "./report.server";

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export interface FormResult<T> {
  ok: boolean;
  /** 400 for invalid fields, 413 for an oversized body. */
  status: number;
  errors: Record<string, string>;
  values: Record<string, unknown>;
  input?: T;
}

function readBody(form: FormData, errors: Record<string, string>): { body?: RichText; status: number; text: string; state: string } {
  const r = readRichTextField(form, "body");
  if (!r.ok) {
    errors.body = r.error === "too-large" ? "errors.bodyTooLarge" : "errors.bodyInvalid";
    return { status: r.error === "too-large" ? 413 : 400, text: r.plain.slice(0, 20_000), state: r.error === "too-large" ? "" : r.state };
  }
  if (r.empty) {
    errors.body = "errors.bodyRequired";
    return { status: 400, text: "", state: "" };
  }
  return { body: r.value, status: 400, text: str(form, "body") || r.value.text, state: str(form, "bodyState") };
}

export async function readThreadForm(form: FormData): Promise<FormResult<ThreadInput>> {
  const errors: Record<string, string> = {};
  const title = str(form, "title").trim();
  if (title.length < 3) errors.title = "errors.titleRequired";
  else if (title.length > 200) errors.title = "errors.titleTooLong";
  const body = readBody(form, errors);
  const language = str(form, "language");
  if (!isContentLanguage(language)) errors.language = "errors.languageInvalid";
  const rawObjectives = form.getAll("objectives").filter((v): v is string => typeof v === "string");
  const objectives = [...new Set(rawObjectives.filter((v) => /^\d{1,2}$/.test(v)).map(Number).filter(isObjective))];
  if (objectives.length !== new Set(rawObjectives).size) errors.objectives = "errors.objectivesInvalid";
  else if (objectives.length > 6) errors.objectives = "errors.objectivesTooMany";
  const region = str(form, "region") || "global";
  if (!isRegion(region)) errors.region = "errors.regionInvalid";
  const practicesRaw = str(form, "practices").slice(0, 4000);
  const lines = practicesRaw
    .split(/[\n,]+/)
    .map((l) => l.trim())
    .filter(Boolean);
  const refs = await resolvePracticeRefs(lines);
  if (refs.unknown.length) errors.practices = "errors.practicesUnknown";
  const values = { title: title.slice(0, 300), body: body.text, bodyState: body.state, language: isContentLanguage(language) ? language : "en", objectives, region: isRegion(region) ? region : "global", practices: practicesRaw };
  if (Object.keys(errors).length || !body.body) return { ok: false, status: errors.body && body.status === 413 ? 413 : 400, errors, values };
  return { ok: true, status: 200, errors, values, input: { title, body: body.body, language, objectives, region, practiceIds: refs.ids } };
}

export function readReplyForm(form: FormData): FormResult<{ body: RichText; quoteOf: string }> {
  const errors: Record<string, string> = {};
  const body = readBody(form, errors);
  const quoteOf = str(form, "quoteOf").trim();
  const values = { body: body.text, bodyState: body.state, quoteOf };
  if (!body.body) return { ok: false, status: body.status, errors, values };
  return { ok: true, status: 200, errors, values, input: { body: body.body, quoteOf } };
}

export function readReportForm(form: FormData): FormResult<{ reason: string }> {
  const reason = str(form, "reason").trim();
  const errors: Record<string, string> = {};
  if (reason.length < REPORT_REASON_MIN) errors.reason = "errors.reasonRequired";
  else if (reason.length > REPORT_REASON_MAX) errors.reason = "errors.reasonTooLong";
  const values = { reason: reason.slice(0, 2000) };
  if (Object.keys(errors).length) return { ok: false, status: 400, errors, values };
  return { ok: true, status: 200, errors, values, input: { reason } };
}

/** What a route answers for a domain error: status and an i18n key (threads namespace). */
export function discussionFailure(e: unknown): { status: number; key: string; retryAfterMinutes?: number } | null {
  if (!(e instanceof DiscussionError)) return null;
  switch (e.code) {
    case "not-found":
      return { status: 404, key: "errors.notFound" };
    case "forbidden":
      return { status: 403, key: "errors.forbidden" };
    case "locked":
      return { status: 409, key: "errors.locked" };
    case "closed":
      return { status: 409, key: "errors.closed" };
    case "rate-limited":
      return { status: 429, key: "errors.rateLimited", retryAfterMinutes: Math.max(1, Math.ceil(e.retryAfterMs / 60_000)) };
    case "invalid":
      return { status: 400, key: "errors.invalidRequest" };
  }
}
