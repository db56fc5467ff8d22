import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ReportPage } from "~/components/report-page";
import { reportAction, reportLoader } from "~/lib/report-route.server";
import { titleMeta } from "~/lib/meta";

export const meta = titleMeta;
export const loader = (args: LoaderFunctionArgs) => reportLoader("post", args);
export const action = (args: ActionFunctionArgs) => reportAction("post", args);
export default ReportPage;
