// The practice review workflow: one state machine, used by every action that changes status.
// draft → submitted → changes-requested ⇄ submitted → published → archived; submitted → rejected;
// submitted → draft when the owner withdraws it.
// A published practice edited by its owner gets a pending revision that runs through the same
// machine (draft → submitted → …) while the published content stays visible.
export const practiceStatuses = ["draft", "submitted", "changes-requested", "published", "rejected", "archived"] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

export const practiceActions = ["submit", "withdraw", "request-changes", "publish", "reject", "archive", "unarchive"] as const;
export type PracticeAction = (typeof practiceActions)[number];
export type Actor = "owner" | "moderator";

const transitions: Record<PracticeAction, { from: PracticeStatus[]; to: PracticeStatus; by: Actor }> = {
  submit: { from: ["draft", "changes-requested"], to: "submitted", by: "owner" },
  // The owner takes a submission back before a moderator has decided (to change or delete it).
  withdraw: { from: ["submitted"], to: "draft", by: "owner" },
  "request-changes": { from: ["submitted"], to: "changes-requested", by: "moderator" },
  publish: { from: ["submitted"], to: "published", by: "moderator" },
  reject: { from: ["submitted"], to: "rejected", by: "moderator" },
  archive: { from: ["published"], to: "archived", by: "moderator" },
  unarchive: { from: ["archived"], to: "published", by: "moderator" },
};

export const isPracticeStatus = (s: unknown): s is PracticeStatus =>
  typeof s === "string" && (practiceStatuses as readonly string[]).includes(s);
export const isPracticeAction = (s: unknown): s is PracticeAction =>
  typeof s === "string" && (practiceActions as readonly string[]).includes(s);

export function nextStatus(from: PracticeStatus, action: PracticeAction): PracticeStatus | null {
  const t = transitions[action];
  return t && t.from.includes(from) ? t.to : null;
}

/** The status an action leads to when `actor` performs it, or null when the machine refuses. */
export function transition(from: PracticeStatus, action: PracticeAction, actor: Actor): PracticeStatus | null {
  const t = transitions[action];
  if (!t || t.by !== actor) return null;
  return t.from.includes(from) ? t.to : null;
}

export function actionActor(action: PracticeAction): Actor {
  return transitions[action].by;
}

export function availableActions(from: PracticeStatus, actor: Actor): PracticeAction[] {
  return (Object.keys(transitions) as PracticeAction[]).filter(
    (a) => transitions[a].by === actor && transitions[a].from.includes(from),
  );
}

/** Actions that need a comment (the submitter must know what to change or why). */
export const actionNeedsComment = (a: PracticeAction) => a === "request-changes" || a === "reject";

export const isPublic = (s: PracticeStatus) => s === "published";
/** Never published and not under review: the owner may delete it for good. */
export const ownerMayDelete = (s: PracticeStatus) => s === "draft" || s === "changes-requested" || s === "rejected";
export const ownerMayEdit = (s: PracticeStatus) => s === "draft" || s === "changes-requested" || s === "published";

/**
 * The status under review: the pending revision's status for a published practice that has
 * one, the practice's own status otherwise.
 */
export function reviewStatus(status: PracticeStatus, pendingStatus?: PracticeStatus | null): PracticeStatus {
  return status === "published" && pendingStatus ? pendingStatus : status;
}

/**
 * Where an owner's edit goes: "main" (the practice itself, never published yet), "pending"
 * (a new revision of a published practice), or null (not editable: under review, rejected,
 * archived).
 */
export function ownerEditTarget(status: PracticeStatus, pendingStatus?: PracticeStatus | null): "main" | "pending" | null {
  if (status === "draft" || status === "changes-requested") return "main";
  if (status === "published") {
    if (!pendingStatus || pendingStatus === "draft" || pendingStatus === "changes-requested" || pendingStatus === "rejected") return "pending";
    return null;
  }
  return null;
}

/** Statuses the moderation queue filters by, and its "waiting for more than N days" options. */
export const queueStatuses = ["submitted", "changes-requested", "published", "rejected", "archived"] as const;
export type QueueStatus = (typeof queueStatuses)[number];
export const queueAges = ["1", "7", "30"] as const;
