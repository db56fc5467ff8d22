// The kinds of in-app notification (shared by the model and the page that renders them).
export const notificationKinds = [
  "practice-decision",
  "reply",
  "quote",
  "mention",
  "new-thread",
  "report-resolved",
  "followed-reply",
  "held-approved",
  "practice-submitted",
  "report-new",
  "post-held",
  "evaluation-requested",
  "practice-stale",
  "call-opened",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
