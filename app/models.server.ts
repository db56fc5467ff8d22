// The gateway from routes to the server-only modules in models/ and search/.
// Remix's compiler only empties `*.server.ts` files inside app/ from the browser bundle, so
// routes import server code through this file (never ../../models/*.server directly).
export * from "../models/db.server";
export * from "../models/geo.server";
export * from "../models/filters.server";
export * from "../models/practice.server";
export * from "../models/practice-query.server";
export * from "../models/thread-query.server";
export * from "../models/user.server";
export * from "../models/password.server";
export * from "../search/health.server";
export * from "../models/rate-limit.server";
export * from "../models/notification.server";
export * from "../models/audit.server";
export * from "../models/space.server";
export * from "../models/thread.server";
export * from "../models/post.server";
export * from "../models/organization.server";
export * from "../search/outbox.server";
export * from "../models/thread-service.server";
export * from "../models/follow.server";
export * from "../models/report.server";
export * from "../search/query.server";
export * from "../search/overview.server";
export * from "../models/practice-content";
export * from "../models/practice-store.server";
export * from "../models/practice-draft.server";
export * from "../models/practice-review.server";
export * from "../models/moderation-queue.server";
export * from "../models/practice-audit.server";
export * from "../models/practice-revision.server";
export * from "../models/thread-form.server";
export * from "../models/idempotency.server";
export * from "../models/moderation-counts.server";
