// A practice's audit trail (every workflow decision, who and when) and the moderator comment
// its submitter must read first.
import { displayNames } from "./user-names.server";
import type { Types } from "mongoose";
import { AuditEntry } from "./audit.server";
import { connectDb } from "./db.server";

export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  from: string;
  to: string;
  comment: string;
  at: string;
}

export async function practiceAuditTrail(practiceId: Types.ObjectId | string): Promise<AuditRow[]> {
  await connectDb();
  const rows = await AuditEntry.find({ subjectType: "practice", subjectId: practiceId }).sort({ createdAt: 1 }).limit(500).lean();
  const names = await displayNames(rows.map((r) => r.actorId));
  return rows.map((r) => ({
    id: String(r._id),
    actor: names.get(String(r.actorId)) ?? "",
    action: r.action,
    from: r.from,
    to: r.to,
    comment: r.comment,
    at: new Date(r.createdAt).toISOString(),
  }));
}

/** The moderator's latest "request changes" or "reject" in an audit trail: what the submitter
 *  must read first when they open the practice again (null if there is none). */
export function latestModeratorComment(rows: AuditRow[]): AuditRow | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const base = rows[i].action.replace(/-revision$/, "");
    if (base === "request-changes" || base === "reject") return rows[i].comment ? rows[i] : null;
    if (base === "submit" || base === "publish") return null;
  }
  return null;
}
