import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReportForm } from "./reply";

interface ReportData {
  titleKey: string;
  excerpt: string;
  threadTitle: string;
  back: string;
}

/** The page behind /threads/:id/report and /posts/:id/report. */
export function ReportPage() {
  const { titleKey, excerpt, threadTitle, back } = useLoaderData() as ReportData;
  const data = useActionData() as { error?: string; reason?: string } | undefined;
  const { t } = useTranslation("threads");
  return (
    <div className="container narrow">
      <h1>{t(titleKey)}</h1>
      <p>{t("report.inThread", { thread: threadTitle })}</p>
      <ReportForm excerpt={excerpt} error={data?.error} reason={data?.reason ?? ""} cancelHref={back} />
    </div>
  );
}
