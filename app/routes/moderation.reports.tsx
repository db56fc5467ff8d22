import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { FormattedDate } from "~/components/formatted";
import { ActionButton } from "~/components/reply";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requireDiscussionModerator } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { actOnReport, actorOf, discussionFailure, heldQueue, moderatePost, moderateThread, reportActions, reportQueue, type ReportAction } from "~/models.server";

export const meta = titleMeta;
const tabs = ["open", "held", "closed"] as const;
type Tab = (typeof tabs)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const { spaceIds } = await requireDiscussionModerator(request);
  const { t } = i18nFor(request, "threads");
  const raw = new URL(request.url).searchParams.get("tab") ?? "open";
  const tab: Tab = (tabs as readonly string[]).includes(raw) ? (raw as Tab) : "open";
  const [reports, held] = await Promise.all([tab === "held" ? Promise.resolve([]) : reportQueue(tab === "open" ? "open" : "closed", 100, spaceIds), tab === "held" ? heldQueue(100, spaceIds) : Promise.resolve([])]);
  return json({ title: t("reports.title"), tab, reports, held });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  // Space moderators act in their spaces only: the domain functions check each item.
  const { user } = await requireDiscussionModerator(request);
  const actor = actorOf(user);
  const { t } = i18nFor(request, "threads");
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "report") {
      const a = String(form.get("action") ?? "") as ReportAction;
      if (!reportActions.includes(a)) throw new Response(t("errors.invalidRequest"), { status: 400 });
      await actOnReport(actor, String(form.get("reportId") ?? ""), a, String(form.get("comment") ?? ""));
      return redirect("/moderation/reports?tab=open");
    }
    if (intent === "held") {
      const a = String(form.get("action") ?? "");
      const type = String(form.get("subjectType") ?? "");
      const id = String(form.get("subjectId") ?? "");
      if (a !== "approve" && a !== "hide") throw new Response(t("errors.invalidRequest"), { status: 400 });
      if (type === "thread") await moderateThread(actor, id, a);
      else if (type === "post") await moderatePost(actor, id, a);
      else throw new Response(t("errors.invalidRequest"), { status: 400 });
      return redirect("/moderation/reports?tab=held");
    }
    throw new Response(t("errors.invalidRequest"), { status: 400 });
  } catch (e) {
    if (e instanceof Response) throw e;
    const f = discussionFailure(e);
    if (!f) throw e;
    throw new Response(t(f.key), { status: f.status });
  }
}

export default function ReportsQueue() {
  const { tab, reports, held } = useLoaderData<typeof loader>();
  const { t } = useTranslation("threads");
  return (
    <div className="container">
      <h1>{t("reports.title")}</h1>
      <nav aria-label={t("reports.tabs")}>
        <ul className="nav-list tabs">
          {tabs.map((k) => (
            <li key={k}>
              <Link to={`/moderation/reports?tab=${k}`} aria-current={tab === k ? "page" : undefined}>
                {t(`reports.tab.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "held" ? (
        held.length ? (
          <ul className="card-list">
            {held.map((h) => (
              <li key={h.id} className="card">
                <h2 className="card-title">
                  {h.subjectType === "thread" ? t("reports.heldThread") : t("reports.heldReply")}: <Link to={h.url}>{h.threadTitle}</Link>
                </h2>
                <p className="card-meta">
                  {h.author} · <FormattedDate iso={h.createdAt} withTime />
                </p>
                <blockquote className="quoted">
                  <p>{h.excerpt}</p>
                </blockquote>
                <ActionButton intent="held" label={t("moderation.approve")} fields={{ action: "approve", subjectType: h.subjectType, subjectId: h.id }} className="secondary" />{" "}
                <ActionButton intent="held" label={t("moderation.hide")} fields={{ action: "hide", subjectType: h.subjectType, subjectId: h.id }} className="secondary" />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("reports.noHeld")}</p>
        )
      ) : reports.length ? (
        <ul className="card-list">
          {reports.map((r) => (
            <li key={r.id} className="card report">
              <h2 className="card-title">
                {r.subjectType === "thread" ? t("reports.thread") : t("reports.reply")}: <Link to={r.url}>{r.threadTitle}</Link>
              </h2>
              <p className="card-meta">
                {t("reports.byline", { reporter: r.reporter, author: r.author })} · <FormattedDate iso={r.createdAt} withTime />
              </p>
              <h3>{t("reports.content")}</h3>
              <blockquote className="quoted">
                <p>{r.excerpt}</p>
              </blockquote>
              <p>{r.contentHidden ? <strong>{t("reports.alreadyHidden")}</strong> : null}</p>
              <h3>{t("reports.reason")}</h3>
              <p className="report-reason">{r.reason}</p>
              {r.status === "open" ? (
                <Form method="post" className="report-actions">
                  <CsrfField />
                  <input type="hidden" name="intent" value="report" />
                  <input type="hidden" name="reportId" value={r.id} />
                  <label htmlFor={`c-${r.id}`}>{t("reports.comment")}</label>
                  <input id={`c-${r.id}`} name="comment" type="text" maxLength={1000} />{" "}
                  <button type="submit" name="action" value="hide">
                    {t("reports.hideAndResolve")}
                  </button>{" "}
                  <button type="submit" name="action" value="resolve" className="secondary">
                    {t("reports.resolve")}
                  </button>{" "}
                  <button type="submit" name="action" value="dismiss" className="secondary">
                    {t("reports.dismiss")}
                  </button>
                </Form>
              ) : (
                <p>
                  <strong>{t(`reports.status.${r.status}`)}</strong> · {t(`reports.resolution.${r.resolution || "none"}`)}
                  {r.resolvedBy ? ` · ${r.resolvedBy}` : ""}
                  {r.resolvedAt ? (
                    <>
                      {" · "}
                      <FormattedDate iso={r.resolvedAt} withTime />
                    </>
                  ) : null}
                </p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{tab === "open" ? t("reports.noOpen") : t("reports.noClosed")}</p>
      )}
    </div>
  );
}
