// Reading for the open data: the export's cursor, the feeds' latest practices, the sitemap's URLs.
import type { QueryFilter as FilterQuery } from "mongoose";
import { connectDb } from "./db.server";
import { exportProjection } from "./export-columns";
import { Practice, type PracticeDoc } from "./practice.server";
import { Space } from "./space.server";
import { Thread } from "./thread.server";
import { visibleThreadFilter } from "./thread-query.server";

export const EXPORT_BATCH_SIZE = 500;

/**
 * Every published practice, as a cursor read in batches: the export writes each row as it
 * arrives, so memory stays bounded whatever the number of practices. The order is the store's
 * natural order (no sort, which would make the database hold every document at once).
 */
export async function publishedPracticesCursor() {
  await connectDb();
  return Practice.find({ status: "published" }).select(exportProjection).lean().batchSize(EXPORT_BATCH_SIZE).cursor();
}

/** What a feed is about: every published practice, or those of one objective / region (and later one call). */
export interface FeedFilter {
  objective?: number;
  region?: string;
  /** A call for practices: its published answers (models/call.server.ts). */
  callId?: import("mongoose").Types.ObjectId;
}

export function feedQuery(f: FeedFilter): FilterQuery<PracticeDoc> {
  const q: FilterQuery<PracticeDoc> = { status: "published" };
  if (f.objective !== undefined) q.objectives = f.objective;
  if (f.region !== undefined) q.regions = f.region;
  if (f.callId !== undefined) q.callId = f.callId;
  return q;
}

/** The newest published practices of a feed. */
export async function latestForFeed(f: FeedFilter, limit = 50) {
  await connectDb();
  const docs = await Practice.find(feedQuery(f))
    .select("slug title summary language objectives regions countries organizations publishedAt updatedAt")
    .sort({ publishedAt: -1, _id: -1 })
    .limit(limit)
    .lean();
  return docs as PracticeDoc[];
}

export interface SitemapEntry {
  path: string;
  lastmod: Date | null;
}

/** The sitemap's sources of URLs that come from the database, each readable in pages. */
export const sitemapSources = {
  practices: {
    count: async () => {
      await connectDb();
      return Practice.countDocuments({ status: "published" });
    },
    /** At least count(), without reading the documents (FerretDB counts a whole table in SQL). */
    upperBound: async () => {
      await connectDb();
      return Practice.estimatedDocumentCount();
    },
    async *entries(skip = 0, limit = Number.MAX_SAFE_INTEGER): AsyncGenerator<SitemapEntry> {
      await connectDb();
      const cursor = Practice.find({ status: "published" }).select("slug updatedAt publishedAt").sort({ _id: 1 }).skip(skip).limit(limit).lean().batchSize(EXPORT_BATCH_SIZE).cursor();
      for await (const p of cursor) yield { path: `/practices/${p.slug}`, lastmod: (p.updatedAt as Date | undefined) ?? p.publishedAt ?? null };
    },
  },
  threads: {
    count: async () => {
      await connectDb();
      return Thread.countDocuments(visibleThreadFilter);
    },
    upperBound: async () => {
      await connectDb();
      return Thread.estimatedDocumentCount();
    },
    async *entries(skip = 0, limit = Number.MAX_SAFE_INTEGER): AsyncGenerator<SitemapEntry> {
      await connectDb();
      const cursor = Thread.find(visibleThreadFilter).select("lastPostAt updatedAt").sort({ _id: 1 }).skip(skip).limit(limit).lean().batchSize(EXPORT_BATCH_SIZE).cursor();
      for await (const t of cursor) {
        const d = t as { _id: unknown; lastPostAt?: Date; updatedAt?: Date };
        yield { path: `/threads/${String(d._id)}`, lastmod: d.lastPostAt ?? d.updatedAt ?? null };
      }
    },
  },
  spaces: {
    count: async () => {
      await connectDb();
      return Space.estimatedDocumentCount();
    },
    upperBound: (): Promise<number> => sitemapSources.spaces.count(),
    async *entries(skip = 0, limit = Number.MAX_SAFE_INTEGER): AsyncGenerator<SitemapEntry> {
      await connectDb();
      const cursor = Space.find({}).select("slug updatedAt").sort({ _id: 1 }).skip(skip).limit(limit).lean().batchSize(EXPORT_BATCH_SIZE).cursor();
      for await (const s of cursor) yield { path: `/spaces/${s.slug}`, lastmod: ((s as { updatedAt?: Date }).updatedAt as Date | undefined) ?? null };
    },
  },
} as const;
export type SitemapSource = keyof typeof sitemapSources;
