import { useTranslation } from "react-i18next";
import { daysLeft, type CallState } from "../../models/call-rules";
import { FormattedDate } from "./formatted";

/** "12 days left" for an open call, "Opens on …" for an upcoming one, "Closed on …" for a closed one. */
export function CallTime({ state, opensAt, closesAt, now }: { state: CallState; opensAt: string; closesAt: string; now: string }) {
  const { t } = useTranslation("calls");
  if (state === "upcoming")
    return (
      <>
        {t("opensOn", { date: "" })}
        <FormattedDate iso={opensAt} />
      </>
    );
  if (state === "closed")
    return (
      <>
        {t("closedOn", { date: "" })}
        <FormattedDate iso={closesAt} />
      </>
    );
  const days = daysLeft(closesAt, new Date(now));
  return (
    <>
      {days === 0 ? t("lastDay") : t("daysLeft", { count: days })} · {t("closesOn", { date: "" })}
      <FormattedDate iso={closesAt} />
    </>
  );
}
