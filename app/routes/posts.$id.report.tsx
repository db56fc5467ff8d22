import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReportForm } from "~/components/reply";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { actorOf, createReport, discussionFailure, readReportForm, reportable } from "~/models.server";

export const meta = titleMeta;

async function subject(request: Request, id: string) {
  const { t } = i18nFor(request, "threads");
  const user = await requirePermission(request, "report:create");
  const actor = actorOf(user);
  try {
    const s = await reportable(actor, "post", id);
    if (s.authorId === actor.id) throw new Response(t("errors.forbidden"), { status: 403 });
    return { actor, s, t };
  } catch (e) {
    const f = discussionFailure(e);
    if (f) throw new Response(t(f.key), { status: f.status === 403 ? 403 : 404 });
    throw e;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { s, t } = await subject(request, params.id ?? "");
  return json({ title: t("report.titleReply"), excerpt: s.excerpt, threadTitle: s.title, back: `/posts/${params.id}` });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const { actor, s, t } = await subject(request, params.id ?? "");
  const r = readReportForm(form);
  if (!r.ok || !r.input) return json({ error: t(r.errors.reason), reason: String(r.values.reason ?? "") }, { status: 400 });
  await createReport({ subjectType: "post", subjectId: params.id ?? "", threadId: s.threadId, reporterId: actor.id, reason: r.input.reason });
  return redirect(`/posts/${params.id}?notice=reported`);
}

export default function ReportReply() {
  const { excerpt, threadTitle, back } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("threads");
  return (
    <div className="container narrow">
      <h1>{t("report.titleReply")}</h1>
      <p>{t("report.inThread", { thread: threadTitle })}</p>
      <ReportForm excerpt={excerpt} error={data?.error} reason={data?.reason ?? ""} cancelHref={back} />
    </div>
  );
}
