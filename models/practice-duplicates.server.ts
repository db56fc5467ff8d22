// Published practices by the same organization on a shared objective (possible duplicates of a
// submission, shown to moderators). Equality/$in on top-level fields only: fast on FerretDB.
import { Types } from "mongoose";
import { connectDb } from "./db.server";
import { Practice } from "./practice.server";

export async function publishedBySameOrganization(organizations: string[], objectives: number[], excludeId?: string | null, limit = 10) {
  const orgs = [...new Set(organizations.map((o) => String(o).trim()).filter(Boolean))].slice(0, 20);
  if (!orgs.length || !objectives.length) return [];
  await connectDb();
  const filter: Record<string, unknown> = { status: "published", organizations: { $in: orgs }, objectives: { $in: objectives } };
  if (excludeId && Types.ObjectId.isValid(excludeId)) filter._id = { $ne: new Types.ObjectId(excludeId) };
  const docs = await Practice.find(filter).select("slug title language").sort({ publishedAt: -1 }).limit(limit).lean();
  return docs.map((d) => ({ id: String(d._id), slug: d.slug, title: d.title, language: d.language }));
}
