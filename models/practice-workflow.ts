// The practice review workflow: one state machine, used by every action that changes status.
export const practiceStatuses = ["draft", "submitted", "changes-requested", "published", "rejected", "archived"] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

export type PracticeAction = "submit" | "request-changes" | "publish" | "reject" | "archive" | "unarchive";

const transitions: Record<PracticeAction, { from: PracticeStatus[]; to: PracticeStatus; by: "owner" | "moderator" }> = {
  submit: { from: ["draft", "changes-requested"], to: "submitted", by: "owner" },
  "request-changes": { from: ["submitted"], to: "changes-requested", by: "moderator" },
  publish: { from: ["submitted"], to: "published", by: "moderator" },
  reject: { from: ["submitted"], to: "rejected", by: "moderator" },
  archive: { from: ["published"], to: "archived", by: "moderator" },
  unarchive: { from: ["archived"], to: "published", by: "moderator" },
};

export function nextStatus(from: PracticeStatus, action: PracticeAction): PracticeStatus | null {
  const t = transitions[action];
  return t && t.from.includes(from) ? t.to : null;
}

export function actionActor(action: PracticeAction): "owner" | "moderator" {
  return transitions[action].by;
}

export function availableActions(from: PracticeStatus, actor: "owner" | "moderator"): PracticeAction[] {
  return (Object.keys(transitions) as PracticeAction[]).filter(
    (a) => transitions[a].by === actor && transitions[a].from.includes(from),
  );
}

export const isPublic = (s: PracticeStatus) => s === "published";
export const ownerMayEdit = (s: PracticeStatus) => s === "draft" || s === "changes-requested" || s === "published";
