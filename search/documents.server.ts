// Mappers from MongoDB documents to search documents. Only public content becomes a document:
// a published practice, a visible thread (with the text of its visible replies).
import type { Types } from "mongoose";
import { countryName } from "../models/geo.server";
import { Post } from "../models/post.server";
import { sectionKeys, type PracticeDoc } from "../models/practice.server";
import { Space } from "../models/space.server";
import { threadVisible, type ThreadDoc } from "../models/thread.server";
import { contentLanguages, isContentLanguage } from "../models/taxonomy";
import { DEFAULT_EVIDENCE_LEVEL, isEvidenceLevel, orderTargets } from "../models/practice-evidence";
import { reviewStatusOf, workingContent } from "../models/practice-content";
import { queueStatuses, type QueueStatus } from "../models/practice-workflow";
import { coverImageOf } from "../models/practice-query.server";

/** Bumped whenever documents gain or change fields: the sync worker then re-indexes every
 *  document once (search/sync.server.ts), so an existing index never lacks them. */
export const SEARCH_DOCUMENT_FORMAT = 8;

export interface SearchDocument {
  id: string;
  type: "practice" | "thread";
  slug: string;
  url: string;
  language: string;
  /** Title in the document's language, for display. */
  title: string;
  objectives: number[];
  principles: string[];
  region: string[];
  subregion: string[];
  countries: string[];
  countryNames: string[];
  stakeholderTypes: string[];
  /** Practices: the SDG targets served and the evidence level (threads: [] and null). */
  sdgTargets: string[];
  evidenceLevel: string | null;
  organizations: string[];
  partners?: string[];
  scope: string;
  status: string;
  year: number | null;
  publishedAt: number;
  updatedAt: number;
  version: number;
  [localized: string]: unknown;
}

const lang = (l: string | null | undefined) => (isContentLanguage(l) ? l : "en");
const ts = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : 0);

/** Country names in every content language, so "Kenya", "Kenia" all match. */
export function countryNamesOf(codes: string[]): string[] {
  const names = new Set<string>();
  for (const c of codes) for (const l of contentLanguages) names.add(countryName(c, l));
  return [...names];
}

/** Published originals are indexed; a translation is part of its original's document. */
export function isIndexablePractice(p: Pick<PracticeDoc, "status" | "translationOf"> | null | undefined): boolean {
  return !!p && p.status === "published" && !p.translationOf;
}

const sectionTextOf = (p: PracticeDoc) =>
  sectionKeys
    .map((k) => ((p.sections as Record<string, { text?: string } | undefined> | undefined)?.[k]?.text ?? "").trim())
    .filter(Boolean)
    .join("\n\n");

/** A practice's search document; its published translations (other languages only) add their
 *  texts under their language and are listed in `versions`, so one practice is one result. */
export function practiceToDocument(p: PracticeDoc, translations: PracticeDoc[] = []): SearchDocument {
  const l = lang(p.language);
  const sectionText = sectionTextOf(p);
  const published = p.publishedAt ?? p.createdAt;
  const versions: Record<string, { slug: string; title: string }> = { [l]: { slug: p.slug, title: p.title } };
  const translated: Record<string, string> = {};
  for (const t of translations) {
    const tl = lang(t.language);
    if (versions[tl]) continue;
    versions[tl] = { slug: t.slug, title: t.title };
    translated[`title_${tl}`] = t.title;
    translated[`summary_${tl}`] = t.summary ?? "";
    translated[`sections_${tl}`] = sectionTextOf(t);
  }
  return {
    ...translated,
    id: String(p._id),
    type: "practice",
    slug: p.slug,
    url: `/practices/${p.slug}`,
    language: l,
    title: p.title,
    [`title_${l}`]: p.title,
    [`summary_${l}`]: p.summary ?? "",
    [`sections_${l}`]: sectionText,
    objectives: p.objectives ?? [],
    principles: p.principles ?? [],
    region: p.regions?.length ? p.regions : ["global"],
    subregion: p.subregions ?? [],
    countries: p.countries ?? [],
    countryNames: countryNamesOf(p.countries ?? []),
    stakeholderTypes: p.stakeholderTypes ?? [],
    sdgTargets: orderTargets(p.sdgTargets ?? []),
    evidenceLevel: isEvidenceLevel(p.evidenceLevel) ? p.evidenceLevel : DEFAULT_EVIDENCE_LEVEL,
    organizations: p.organizations ?? [],
    partners: p.partners ?? [],
    scope: p.scope ?? "",
    status: p.status,
    year: published ? new Date(published).getUTCFullYear() : null,
    publishedAt: ts(published),
    updatedAt: ts(p.updatedAt),
    version: p.version ?? 1,
    ownerId: p.ownerId ? String(p.ownerId) : "",
    callId: (p as { callId?: unknown }).callId ? String((p as { callId?: unknown }).callId) : "",
    versions,
    // the public cover image, for cards (decision 043)
    cover: coverImageOf(p),
  };
}

// ---------------------------------------------------------------- the review queue
/** Queue statuses kept in the reviews index: everything under review but published practices
 *  without a pending revision (those are the practices index, search/review-queue.server.ts). */
export const reviewIndexStatuses = queueStatuses.filter((s) => s !== "published");

/** A practice as the moderators' queue lists it (the working content: a pending revision's). */
export interface ReviewDocument {
  id: string;
  reviewStatus: QueueStatus;
  title: string;
  ownerId: string;
  /** When it (or its pending revision) was submitted, ms since the epoch; 0 when never. */
  submittedAt: number;
  objectives: number[];
  region: string[];
  callId: string;
  /** A pending revision of a published practice. */
  revision: boolean;
  version: number;
}

/** The status the queue files a practice under: the stored `reviewStatus` (kept beside the
 *  status in every write, and what MongoDB's queue filters on), else computed. */
const queueStatusOf = (p: PracticeDoc) => (p.reviewStatus ?? reviewStatusOf(p)) as string;

export function isReviewablePractice(p: PracticeDoc | null | undefined): boolean {
  return !!p && (reviewIndexStatuses as string[]).includes(queueStatusOf(p));
}

export function practiceToReviewDocument(p: PracticeDoc): ReviewDocument {
  const c = workingContent(p);
  const pending = (p as { pending?: { submittedAt?: Date | null } | null }).pending;
  return {
    id: String(p._id),
    reviewStatus: queueStatusOf(p) as QueueStatus,
    title: c.title,
    ownerId: p.ownerId ? String(p.ownerId) : "",
    submittedAt: ts(pending?.submittedAt ?? p.submittedAt),
    objectives: c.objectives,
    region: c.regions,
    callId: (p as { callId?: unknown }).callId ? String((p as { callId?: unknown }).callId) : "",
    revision: Boolean(pending) && p.status === "published",
    version: p.version ?? 1,
  };
}

/** Whether a thread belongs in the public index (visible, in an existing space). */
export async function isIndexableThread(t: ThreadDoc | null | undefined): Promise<boolean> {
  if (!t || !threadVisible(t)) return false;
  const space = await Space.exists({ _id: t.spaceId });
  return !!space;
}

export async function threadToDocument(t: ThreadDoc): Promise<SearchDocument> {
  const l = lang(t.language);
  const posts = await Post.find({ threadId: t._id as Types.ObjectId, hidden: false, held: false, deletedAt: null })
    .select("body.text")
    .sort({ createdAt: 1 })
    .limit(500)
    .lean();
  const replies = posts
    .map((p) => (p.body as { text?: string } | undefined)?.text ?? "")
    .filter(Boolean)
    .join("\n\n")
    .slice(0, 200_000);
  const body = (t.body as { text?: string } | undefined)?.text ?? "";
  return {
    id: String(t._id),
    type: "thread",
    slug: String(t._id),
    url: `/threads/${String(t._id)}`,
    language: l,
    title: t.title,
    [`title_${l}`]: t.title,
    [`summary_${l}`]: body,
    [`replies_${l}`]: replies,
    objectives: t.objectives ?? [],
    principles: [],
    region: [t.region || "global"],
    subregion: [],
    countries: [],
    countryNames: [],
    stakeholderTypes: [],
    sdgTargets: [],
    evidenceLevel: null,
    organizations: [],
    scope: "",
    status: "published",
    year: t.createdAt ? new Date(t.createdAt).getUTCFullYear() : null,
    publishedAt: ts(t.createdAt),
    updatedAt: ts(t.lastPostAt ?? t.updatedAt),
    version: t.version ?? 1,
    // for the thread listings served from the index (search/thread-listing.server.ts)
    spaceId: String(t.spaceId),
    authorId: String(t.authorId),
    pinnedRank: t.pinned ? 1 : 0,
    locked: Boolean(t.locked),
    replyCount: t.replyCount ?? 0,
    // the discussions of a practice, on its page (search/practice-discussions.server.ts)
    practiceIds: (t.practiceIds ?? []).map(String),
  };
}
