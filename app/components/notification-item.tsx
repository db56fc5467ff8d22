import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "./formatted";
import { ActionButton } from "./reply";

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  url: string;
  read: boolean;
  createdAt: string;
}

const known = new Set(["practice-decision", "reply", "quote", "mention", "new-thread", "report-resolved", "followed-reply", "held-approved"]);

export function NotificationItem({ n }: { n: NotificationView }) {
  const { t } = useTranslation(["threads", "practices"]);
  const kind = known.has(n.kind) ? n.kind : "generic";
  const params: Record<string, string | number> = { status: "", thread: "", actor: "", space: "", title: "", decision: "", resolution: "", ...n.params };
  if (kind === "practice-decision") {
    const status = String(n.params.status ?? "");
    params.status = /^[a-z-]{1,30}$/.test(status) ? t(`notifications.practiceStatus.${status}`, { defaultValue: status }) : "";
  }
  const text = t(`notifications.kinds.${kind}`, params);
  return (
    <li className={`notification${n.read ? "" : " unread"}`}>
      <p>
        {n.read ? null : <strong className="unread-label">{t("notifications.unread")}: </strong>}
        <Link to={n.url}>{text}</Link>
      </p>
      <div className="card-meta">
        <FormattedDate iso={n.createdAt} withTime />
        {n.read ? (
          <>
            {" · "}
            {t("notifications.read")}
          </>
        ) : (
          <>
            {" · "}
            <ActionButton intent="read" label={t("notifications.markRead")} fields={{ id: n.id }} />
          </>
        )}
      </div>
    </li>
  );
}
