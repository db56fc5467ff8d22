// Whether the `reviews` index holds every practice under review (decision 040). The queue reads
// it only then: right after the index is created (a fresh Meilisearch, a wiped one) or after a
// new document format, it is empty or incomplete until the next sweep has filled it, and the
// queue answers from MongoDB meanwhile. The sweep and `npm run reindex` mark it ready once they
// have reconciled every practice; creating the index unmarks it.
import mongoose, { Schema, type Model } from "mongoose";
import { SEARCH_DOCUMENT_FORMAT } from "./documents.server";

interface ReadinessDoc {
  _id: string;
  format: number;
  at: Date;
}
const readinessSchema = new Schema<ReadinessDoc>({ _id: { type: String }, format: Number, at: Date }, { versionKey: false });
const SearchReadiness: Model<ReadinessDoc> =
  (mongoose.models.SearchReadiness as Model<ReadinessDoc>) ?? mongoose.model<ReadinessDoc>("SearchReadiness", readinessSchema);

const KEY = "reviews";

export async function reviewsIndexReady(): Promise<boolean> {
  const d = await SearchReadiness.findOne({ _id: KEY }).lean();
  return d?.format === SEARCH_DOCUMENT_FORMAT;
}

export async function markReviewsIndex(ready: boolean) {
  if (ready) await SearchReadiness.updateOne({ _id: KEY }, { $set: { format: SEARCH_DOCUMENT_FORMAT, at: new Date() } }, { upsert: true });
  else await SearchReadiness.deleteOne({ _id: KEY });
}
