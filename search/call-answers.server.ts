// The published practices answering a call (calls, decision 032): one filtered Meilisearch query
// (callId is filterable); MongoDB's indexed equality on callId when the index cannot answer.
import type { Types } from "mongoose";
import { publishedAnswers } from "../models/call.server";
import { indexName, meili } from "./client.server";
import { isUnavailable } from "./query.server";
import type { IndexedPractice } from "./listing.server";
import { log } from "../models/log.server";

export async function callAnswers(callId: Types.ObjectId, page: number, perPage = 20) {
  const id = callId.toHexString();
  try {
    const res = await meili()
      .index(indexName("practices"))
      .search<IndexedPractice>("", {
        filter: [`callId = "${id}"`, `type = "practice"`],
        sort: ["publishedAt:desc"],
        page,
        hitsPerPage: perPage,
        attributesToRetrieve: ["id", "slug", "title", "language", "summary_*"],
      });
    return {
      source: "index" as const,
      total: (res as { totalHits?: number }).totalHits ?? 0,
      items: res.hits.map((d) => ({ id: d.id, slug: d.slug, title: d.title, summary: d[`summary_${d.language}`] ?? "", language: d.language })),
    };
  } catch (e) {
    if (!isUnavailable(e)) log.error({ err: e }, "call answers: index query failed, using MongoDB");
  }
  return { source: "database" as const, ...(await publishedAnswers(callId, page, perPage)) };
}
