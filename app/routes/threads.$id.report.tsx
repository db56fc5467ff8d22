import { ReportPage } from "~/components/report-page";
import { reportAction, reportLoader } from "~/lib/report-route.server";
import { titleMeta } from "~/lib/meta";

export const meta = titleMeta;
export const loader = reportLoader("thread");
export const action = reportAction("thread");
export default ReportPage;
