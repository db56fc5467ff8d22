import { useTranslation } from "react-i18next";
import { FormattedDate } from "./formatted";
import { ActionButton } from "./reply";
import { notificationKinds } from "../../models/notification-kinds";

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  url: string;
  read: boolean;
  createdAt: string;
}

const known = new Set<string>(notificationKinds);

export function NotificationItem({ n }: { n: NotificationView }) {
  const { t } = useTranslation(["threads", "practices"]);
  const kind = known.has(n.kind) ? n.kind : "generic";
  const params: Record<string, string | number> = { status: "", thread: "", actor: "", space: "", title: "", decision: "", resolution: "", ...n.params };
  if (kind === "practice-decision") {
    const status = String(n.params.status ?? "");
    params.status = /^[a-z-]{1,30}$/.test(status) ? t(`notifications.practiceStatus.${status}`, { defaultValue: status }) : "";
  }
  const text = kind === "practice-submitted" && Number(n.params.resubmitted) === 1 ? t("notifications.kinds.practice-resubmitted", params) : t(`notifications.kinds.${kind}`, params);
  const comment = (kind === "practice-decision" || kind === "evaluation-requested") && typeof n.params.comment === "string" ? n.params.comment : "";
  return (
    <li className={`notification${n.read ? "" : " unread"}`}>
      <p>
        {n.read ? null : <strong className="unread-label">{t("notifications.unread")}: </strong>}
        {/* Through /notifications/:id, which marks it read and then opens it (no JavaScript needed). */}
        <a href={`/notifications/${n.id}`}>{text}</a>
      </p>
      {comment ? (
        <figure className="notification-comment">
          <figcaption>{t("notifications.moderatorComment")}</figcaption>
          <blockquote>
            <p>{comment}</p>
          </blockquote>
        </figure>
      ) : null}
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
