// GET /api/v1/export.json — every published practice as one JSON array, streamed record by
// record (decision 025): a client can JSON.parse the whole body, or read it incrementally.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError } from "~/lib/api.server";
import { batches, publicOrigin, streamResponse } from "~/lib/open-data.server";
import { exportRecord, getDataLicence, publishedPracticesCursor, type ExportContext, type PracticeDoc } from "~/models.server";

export async function loader({ request }: LoaderFunctionArgs) {
  let ctx: ExportContext;
  let cursor: Awaited<ReturnType<typeof publishedPracticesCursor>>;
  try {
    ctx = { origin: publicOrigin(request), licence: await getDataLicence() };
    cursor = await publishedPracticesCursor();
  } catch {
    return apiError(503, "The practice store is unavailable; try again shortly.");
  }
  async function* json() {
    let first = true;
    yield "[";
    for await (const docs of batches(cursor as AsyncIterable<PracticeDoc>, 100)) {
      let out = "";
      for (const p of docs) {
        out += (first ? "\n" : ",\n") + JSON.stringify(exportRecord(p, ctx));
        first = false;
      }
      yield out;
    }
    yield "\n]\n";
  }
  return streamResponse(
    json(),
    {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'inline; filename="practices.json"',
      "Cache-Control": "public, max-age=300",
    },
    () => cursor.close(),
  );
}
