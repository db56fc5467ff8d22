// Practices (case studies). The document holds the public content; the workflow state
// machine lives in models/practice-workflow.ts.
import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";
import { resolveOrganizationIds } from "./organization.server";
import { richTextSchema } from "./rich-text/schema.server";
import { practiceStatuses, reviewStatus, type PracticeStatus } from "./practice-workflow";

import { sectionKeys } from "./practice-fields";
import { attachmentKinds } from "./attachment-rules";
export { sectionKeys, type SectionKey } from "./practice-fields";

const sectionsSchema = new Schema(
  Object.fromEntries(sectionKeys.map((k) => [k, { type: richTextSchema, default: () => ({}) }])),
  { _id: false },
);

export const practiceContentFields = {
  language: { type: String, required: true, default: "en" },
  title: { type: String, required: true, trim: true, maxlength: 200 },
  summary: { type: String, default: "", maxlength: 600 },
  sections: { type: sectionsSchema, default: () => ({}) },
  organizations: { type: [String], default: [] },
  partners: { type: [String], default: [] },
  countries: { type: [String], default: [] },
  regions: { type: [String], default: [] },
  subregions: { type: [String], default: [] },
  scope: { type: String, default: "national" },
  objectives: { type: [Number], default: [] },
  principles: { type: [String], default: [] },
  stakeholderTypes: { type: [String], default: [] },
  startDate: { type: Date, default: null },
  endDate: { type: Date, default: null },
  implementationStatus: { type: String, default: "ongoing" },
  budgetRange: { type: String, default: "unknown" },
  fundingSource: { type: String, default: "" },
  contact: { type: new Schema({ name: String, email: String, public: { type: Boolean, default: false } }, { _id: false }), default: () => ({}) },
  links: { type: [new Schema({ title: String, url: String }, { _id: false })], default: [] },
  // Evidence (models/practice-evidence.ts): SDG targets served, evidence level, outcomes.
  sdgTargets: { type: [String], default: [] },
  evidenceLevel: { type: String, default: "not-assessed" },
  evaluationUrl: { type: String, default: "" },
  outcomes: {
    type: [new Schema({ indicator: String, baseline: String, result: String, year: { type: Number, default: null }, source: String }, { _id: false })],
    default: [],
  },
  peopleReached: { type: new Schema({ count: { type: Number, default: null }, who: String }, { _id: false }), default: () => ({}) },
} as const;

const attachmentSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    /** A smaller WebP of an image, for cards (null for documents). */
    thumbId: { type: Schema.Types.ObjectId, default: null },
    name: { type: String, required: true },
    kind: { type: String, enum: attachmentKinds, required: true },
    size: { type: Number, required: true },
    alt: { type: String, default: "" },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    addedAt: { type: Date, required: true },
    addedBy: { type: Schema.Types.ObjectId, ref: "User", required: true },
  },
  { _id: false },
);

/** A pending revision of a published practice: its content and its own review status. */
const pendingSchema = new Schema(
  {
    ...practiceContentFields,
    status: { type: String, enum: practiceStatuses, default: "draft" },
    submittedAt: { type: Date, default: null },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

const practiceSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    oldSlugs: { type: [String], default: [], index: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
    status: { type: String, enum: practiceStatuses, default: "draft", index: true },
    ...practiceContentFields,
    publishedAt: { type: Date, default: null },
    submittedAt: { type: Date, default: null },
    /** The owner's edit of a published practice, under review; the published content stays public. */
    pending: { type: pendingSchema, default: null },
    /** Number of the latest published revision (PracticeRevision). */
    revision: { type: Number, default: 0 },
    /** Incremented on every change; the search sync indexes what is behind. */
    version: { type: Number, default: 1 },
    /** The status the review queue sees (a published practice's pending revision's status, else
     *  its status), kept beside them in every write so the queue and the moderators' counts are
     *  one indexed equality (decision 015). */
    reviewStatus: { type: String, enum: practiceStatuses, index: true },
    /** When the public content last changed (each publication); "may be out of date" counts from
     *  here (publishedAt when unset). Not updatedAt, which every bookkeeping write moves. */
    contentUpdatedAt: { type: Date, default: null },
    /** When the owner was last asked to update this practice (once per stale period). */
    staleNotifiedAt: { type: Date, default: null },
    /** The call for practices this practice answers (models/call.server.ts), or null. */
    callId: { type: Schema.Types.ObjectId, ref: "Call", default: null, index: true },
    /** The practice this one is a translation of (models/practice-translation.server.ts), or null
     *  for an original. Versions of one practice share one search document, the original's. */
    translationOf: { type: Schema.Types.ObjectId, ref: "Practice", default: null, index: true },
    /** The Organization records `organizations` names (decision 044), set by the hooks below on
     *  every write of `organizations`, so an organization's page is one indexed equality. */
    organizationIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Files (decision 043): stored in GridFS, described here; public once a publication
     *  approved them (added before `contentUpdatedAt`), never while the practice is unpublished. */
    attachments: { type: [attachmentSchema], default: [] },
    /** The image attachment shown on cards and at the top of the page, or null. */
    coverFileId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
practiceSchema.pre("validate", function setReviewStatus() {
  this.reviewStatus = reviewStatus(this.status as PracticeStatus, (this.pending as { status?: PracticeStatus } | null)?.status ?? null);
});
// organizationIds follow organizations on every write path (create, save, update, insertMany).
practiceSchema.pre("save", async function setOrganizationIds() {
  if (this.isNew || this.isModified("organizations")) this.set("organizationIds", await resolveOrganizationIds(this.organizations));
});
async function organizationIdsInUpdate(this: { getUpdate(): unknown }) {
  const set = (this.getUpdate() as { $set?: Record<string, unknown> } | null)?.$set;
  if (set && Array.isArray(set.organizations)) set.organizationIds = await resolveOrganizationIds(set.organizations);
}
practiceSchema.pre("updateOne", organizationIdsInUpdate);
practiceSchema.pre("updateMany", organizationIdsInUpdate);
practiceSchema.pre("findOneAndUpdate", organizationIdsInUpdate);
practiceSchema.pre("insertMany", async function setOrganizationIdsMany(docs: unknown) {
  for (const d of (Array.isArray(docs) ? docs : []) as { organizations?: unknown; organizationIds?: unknown }[]) d.organizationIds = await resolveOrganizationIds(d.organizations);
});
practiceSchema.index({ organizationIds: 1, status: 1 });
// "My practices", last changed first: one page of this index (decision 059).
practiceSchema.index({ ownerId: 1, updatedAt: -1, _id: -1 });
practiceSchema.index({ status: 1, publishedAt: -1 });
practiceSchema.index({ status: 1, objectives: 1 });
practiceSchema.index({ status: 1, regions: 1 });
practiceSchema.index({ status: 1, countries: 1 });
practiceSchema.index({ status: 1, language: 1 });
practiceSchema.index({ status: 1, sdgTargets: 1 });
practiceSchema.index({ status: 1, evidenceLevel: 1 });

export type PracticeDoc = InferSchemaType<typeof practiceSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Practice: Model<PracticeDoc> = (mongoose.models.Practice as Model<PracticeDoc>) ?? mongoose.model<PracticeDoc>("Practice", practiceSchema);
