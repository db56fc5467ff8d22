import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "./csrf-field";

/** Follow / stop following: a POST form to the current page (works without JavaScript). */
export function FollowButton({ targetType, targetKey, following, label }: { targetType: "space" | "thread" | "objective"; targetKey: string; following: boolean; label: string }) {
  const { t } = useTranslation("threads");
  return (
    <Form method="post" className="inline-form follow-form">
      <CsrfField />
      <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetKey" value={targetKey} />
      <button type="submit" className={following ? "secondary" : undefined} aria-pressed={following}>
        {following ? t("follow.following", { label }) : t("follow.follow", { label })}
      </button>
    </Form>
  );
}
