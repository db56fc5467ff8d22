import { useTranslation } from "react-i18next";
import { FormattedDate } from "./formatted";
import { ActionButton } from "./reply";
import { notificationComment, notificationText } from "~/lib/notification-text";

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  url: string;
  read: boolean;
  createdAt: string;
}

export function NotificationItem({ n }: { n: NotificationView }) {
  const { t } = useTranslation(["threads", "practices"]);
  const text = notificationText(t, n.kind, n.params);
  const comment = notificationComment(n.kind, n.params);
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
