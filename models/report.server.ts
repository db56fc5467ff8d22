// Reports: a member flags a thread or a reply with a reason; moderators resolve or dismiss.
import mongoose, { Schema, type Model, Types } from "mongoose";
import { connectDb } from "./db.server";
import { alertNewReport } from "./moderation-alerts.server";

export const reportStatuses = ["open", "resolved", "dismissed"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export interface ReportDoc {
  _id: Types.ObjectId;
  subjectType: "thread" | "post";
  subjectId: Types.ObjectId;
  threadId: Types.ObjectId;
  reporterId: Types.ObjectId;
  reason: string;
  status: ReportStatus;
  /** What the moderator did: "hidden", "none", "dismissed". */
  resolution: string;
  resolvedBy: Types.ObjectId | null;
  resolvedAt: Date | null;
  createdAt: Date;
}
const reportSchema = new Schema<ReportDoc>(
  {
    subjectType: { type: String, enum: ["thread", "post"], required: true },
    subjectId: { type: Schema.Types.ObjectId, required: true },
    threadId: { type: Schema.Types.ObjectId, ref: "Thread", required: true },
    reporterId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    reason: { type: String, required: true, maxlength: 1000 },
    status: { type: String, enum: reportStatuses, default: "open" },
    resolution: { type: String, default: "" },
    resolvedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    resolvedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
reportSchema.index({ status: 1, createdAt: -1 });
reportSchema.index({ subjectType: 1, subjectId: 1, reporterId: 1 });

export const Report: Model<ReportDoc> = (mongoose.models.Report as Model<ReportDoc>) ?? mongoose.model<ReportDoc>("Report", reportSchema);

export const REPORT_REASON_MIN = 3;
export const REPORT_REASON_MAX = 1000;

export async function createReport(input: { subjectType: "thread" | "post"; subjectId: string; threadId: string; reporterId: string; reason: string }) {
  await connectDb();
  // One open report per member and subject: a second one updates the reason. One atomic upsert,
  // so the same member reporting twice at once still leaves one report (and one alert).
  const key = { subjectType: input.subjectType, subjectId: new Types.ObjectId(input.subjectId), reporterId: new Types.ObjectId(input.reporterId), status: "open" as const };
  const res = await Report.findOneAndUpdate(
    key,
    { $set: { reason: input.reason }, $setOnInsert: { threadId: new Types.ObjectId(input.threadId) } },
    { upsert: true, new: true, includeResultMetadata: true, setDefaultsOnInsert: true },
  );
  if (!res?.lastErrorObject?.updatedExisting) await alertNewReport(input.threadId, input.reporterId);
  return res?.value;
}

export async function openReportCount() {
  await connectDb();
  return Report.countDocuments({ status: "open" });
}
