// GET /api/v1/export.csv — every published practice, one row each, streamed (decision 025).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError } from "~/lib/api.server";
import { batches, publicOrigin, streamResponse } from "~/lib/open-data.server";
import { csvHeader, csvLines, exportRow, getDataLicence, publishedPracticesCursor, type ExportContext, type PracticeDoc } from "~/models.server";

export async function loader({ request }: LoaderFunctionArgs) {
  let ctx: ExportContext;
  let cursor: Awaited<ReturnType<typeof publishedPracticesCursor>>;
  try {
    ctx = { origin: publicOrigin(request), licence: await getDataLicence() };
    cursor = await publishedPracticesCursor();
  } catch {
    return apiError(503, "The practice store is unavailable; try again shortly.");
  }
  async function* csv() {
    // UTF-8 with a byte-order mark, so spreadsheets read accented text right; RFC 4180 quoting, CRLF.
    yield "\uFEFF" + csvHeader();
    for await (const docs of batches(cursor as AsyncIterable<PracticeDoc>, 100)) {
      yield csvLines(docs.map((p) => exportRow(p, ctx)));
    }
  }
  return streamResponse(
    csv(),
    {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": 'attachment; filename="practices.csv"',
      "Cache-Control": "public, max-age=300",
    },
    () => cursor.close(),
  );
}
