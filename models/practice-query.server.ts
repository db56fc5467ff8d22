// Reading published practices from MongoDB (listing pages, the read API, and the
// fallback when Meilisearch is unreachable).
import type { QueryFilter as FilterQuery } from "mongoose";
import { connectDb } from "./db.server";
import type { Filters } from "./filters.server";
import { Practice, type PracticeDoc } from "./practice.server";
import { DEFAULT_EVIDENCE_LEVEL, isEvidenceLevel, orderTargets } from "./practice-evidence";
import { publicAttachments, publicCover } from "./attachment-visibility";
import { attachmentHref, attachmentKindInfo } from "./attachment-rules";

/** A practice's public cover image, as cards and pages show it (a thumbnail and the full image). */
export interface CoverImage {
  src: string;
  thumb: string;
  alt: string;
  width: number | null;
  height: number | null;
}

export function coverImageOf(p: Parameters<typeof publicCover>[0]): CoverImage | null {
  const c = publicCover(p);
  if (!c) return null;
  return {
    src: attachmentHref(String(c.fileId), c.name),
    thumb: c.thumbId ? attachmentHref(String(c.thumbId), "thumb.webp") : attachmentHref(String(c.fileId), c.name),
    alt: c.alt,
    width: c.width,
    height: c.height,
  };
}

export function practiceFilter(f: Filters, q?: string): FilterQuery<PracticeDoc> {
  // one practice per listing entry: a translation is listed through its original (decision 039)
  const filter: FilterQuery<PracticeDoc> = { status: "published", translationOf: null };
  if (f.objective.length) filter.objectives = { $in: f.objective };
  if (f.principle.length) filter.principles = { $in: f.principle };
  if (f.region.length) filter.regions = { $in: f.region };
  if (f.country.length) filter.countries = { $in: f.country };
  if (f.stakeholderType.length) filter.stakeholderTypes = { $in: f.stakeholderType };
  if (f.lang.length) filter.language = { $in: f.lang };
  if (f.sdg.length) filter.sdgTargets = { $in: f.sdg };
  // Practices stored before evidence levels existed count as "not assessed" (their default).
  if (f.evidence.length)
    filter.evidenceLevel = f.evidence.includes("not-assessed") ? { $in: [...f.evidence, null] } : { $in: f.evidence };
  if (q) {
    const re = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").slice(0, 200), "i");
    filter.$or = [{ title: re }, { summary: re }];
  }
  return filter;
}

export interface PracticeCard {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  objectives: number[];
  principles: string[];
  regions: string[];
  countries: string[];
  organizations: string[];
  sdgTargets: string[];
  evidenceLevel: string;
  publishedAt: string | null;
  cover: CoverImage | null;
}

export function toCard(p: PracticeDoc): PracticeCard {
  return {
    id: String(p._id),
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    language: p.language,
    objectives: p.objectives,
    principles: p.principles,
    regions: p.regions,
    countries: p.countries,
    organizations: p.organizations,
    sdgTargets: orderTargets(p.sdgTargets ?? []),
    evidenceLevel: isEvidenceLevel(p.evidenceLevel) ? p.evidenceLevel : DEFAULT_EVIDENCE_LEVEL,
    publishedAt: p.publishedAt ? p.publishedAt.toISOString() : null,
    cover: coverImageOf(p),
  };
}

const cardFields = "slug title summary language objectives principles regions countries organizations sdgTargets evidenceLevel publishedAt status contentUpdatedAt attachments coverFileId";

export async function listPublishedPractices(f: Filters, page: number, perPage: number, q?: string) {
  await connectDb();
  const filter = practiceFilter(f, q);
  // perPage 0: only the total (MongoDB reads limit(0) as "no limit").
  const [total, docs] = await Promise.all([
    Practice.countDocuments(filter),
    perPage <= 0 ? [] : Practice.find(filter)
      .select(cardFields)
      .sort({ publishedAt: -1, _id: -1 })
      .skip((page - 1) * perPage)
      .limit(perPage)
      .lean(),
  ]);
  return { total, hits: (docs as PracticeDoc[]).map(toCard) };
}

/** Published practices per GCM objective. */
export async function countsByObjective(): Promise<Record<number, number>> {
  await connectDb();
  const rows = await Practice.aggregate<{ _id: number; n: number }>([
    { $match: { status: "published" } },
    { $unwind: "$objectives" },
    { $group: { _id: "$objectives", n: { $sum: 1 } } },
  ]);
  return Object.fromEntries(rows.map((r) => [r._id, r.n]));
}

/** A published practice by slug; `redirectTo` when the slug is an old one. */
export async function findPublishedPractice(slug: string): Promise<{ practice: PracticeDoc | null; redirectTo?: string }> {
  await connectDb();
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return { practice: null };
  const practice = await Practice.findOne({ slug, status: { $in: ["published"] } }).lean();
  if (practice) return { practice: practice as PracticeDoc };
  const old = await Practice.findOne({ oldSlugs: slug, status: "published" }).select("slug").lean();
  if (old) return { practice: null, redirectTo: old.slug };
  return { practice: null };
}

/** When a practice's public content last changed: its last publication. */
export function contentUpdatedAt(p: Pick<PracticeDoc, "publishedAt"> & { contentUpdatedAt?: Date | null; createdAt?: Date }): Date | null {
  const d = p.contentUpdatedAt ?? p.publishedAt ?? p.createdAt ?? null;
  return d ? new Date(d) : null;
}

/** The full public representation used by the page and the API. */
export function toPublicPractice(p: PracticeDoc) {
  return {
    ...toCard(p),
    scope: p.scope,
    subregions: p.subregions,
    stakeholderTypes: p.stakeholderTypes,
    partners: p.partners,
    sections: Object.fromEntries(
      Object.entries(p.sections ?? {}).map(([k, v]) => [k, { html: (v as { html?: string })?.html ?? "", text: (v as { text?: string })?.text ?? "" }]),
    ) as Record<string, { html: string; text: string }>,
    startDate: p.startDate ? p.startDate.toISOString().slice(0, 10) : null,
    endDate: p.endDate ? p.endDate.toISOString().slice(0, 10) : null,
    implementationStatus: p.implementationStatus,
    budgetRange: p.budgetRange,
    fundingSource: p.fundingSource,
    // The address only when its owner chose to show it; otherwise the page offers the relay form.
    contact: { name: p.contact?.name ?? "", email: p.contact?.public ? (p.contact.email ?? "") : "", relay: !!p.contact?.email && !p.contact?.public },
    links: (p.links ?? []).map((l) => ({ title: l.title ?? "", url: l.url ?? "" })),
    evaluationUrl: p.evaluationUrl ?? "",
    outcomes: (p.outcomes ?? []).map((o) => ({
      indicator: o.indicator ?? "",
      baseline: o.baseline ?? "",
      result: o.result ?? "",
      year: typeof o.year === "number" ? o.year : null,
      source: o.source ?? "",
    })),
    peopleReached: { count: typeof p.peopleReached?.count === "number" ? p.peopleReached.count : null, who: p.peopleReached?.who ?? "" },
    updatedAt: p.updatedAt ? new Date(p.updatedAt).toISOString() : null,
    /** When the public content last changed ("may be out of date" counts from here). */
    contentUpdatedAt: contentUpdatedAt(p)?.toISOString() ?? null,
    /** The files a publication approved (decision 043). */
    attachments: publicAttachments(p).map((a) => ({
      id: String(a.fileId),
      name: a.name,
      kind: a.kind,
      contentType: attachmentKindInfo[a.kind].mime,
      size: a.size,
      url: attachmentHref(String(a.fileId), a.name),
      image: attachmentKindInfo[a.kind].image,
      alt: a.alt,
      width: a.width,
      height: a.height,
    })),
  };
}
export type PublicPractice = ReturnType<typeof toPublicPractice>;
