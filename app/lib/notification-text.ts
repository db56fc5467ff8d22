// The sentence a notification reads as (the notifications page and the emails use the same one).
import type { TFunction } from "i18next";
import { notificationKinds } from "../../models/notification-kinds";

const known = new Set<string>(notificationKinds);

/** `t` must cover the threads namespace (where the sentences live). */
export function notificationText(t: TFunction, kind: string, stored: Record<string, unknown>): string {
  const k = known.has(kind) ? kind : "generic";
  const params: Record<string, string | number> = { status: "", thread: "", actor: "", space: "", title: "", decision: "", resolution: "" };
  for (const [key, v] of Object.entries(stored)) if (typeof v === "string" || typeof v === "number") params[key] = v;
  if (k === "practice-decision") {
    const status = String(stored.status ?? "");
    params.status = /^[a-z-]{1,30}$/.test(status) ? t(`threads:notifications.practiceStatus.${status}`, { defaultValue: status }) : "";
  }
  const key = k === "practice-submitted" && Number(stored.resubmitted) === 1 ? "practice-resubmitted" : k;
  return t(`threads:notifications.kinds.${key}`, params);
}

/** The moderator's comment a decision carries, shown under the sentence. */
export function notificationComment(kind: string, stored: Record<string, unknown>): string {
  return (kind === "practice-decision" || kind === "evaluation-requested") && typeof stored.comment === "string" ? stored.comment : "";
}
