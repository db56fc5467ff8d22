// The report flow shared by /threads/:id/report and /posts/:id/report.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseForm } from "./form.server";
import { requirePermission } from "./permissions.server";
import { i18nFor } from "./request.server";
import { idParam } from "./params.server";
import { actorOf, createReport, discussionFailure, readReportForm, reportable } from "~/models.server";

type Kind = "thread" | "post";
const base = (kind: Kind) => (kind === "thread" ? "/threads" : "/posts");
const titleKey = (kind: Kind) => (kind === "thread" ? "report.titleThread" : "report.titleReply");

async function subject(request: Request, kind: Kind, id: string) {
  const { t } = i18nFor(request, "threads");
  const user = await requirePermission(request, "report:create");
  const actor = actorOf(user);
  try {
    const s = await reportable(actor, kind, id);
    if (s.authorId === actor.id) throw new Response(t("errors.forbidden"), { status: 403 });
    return { actor, s, t };
  } catch (e) {
    const f = discussionFailure(e);
    if (f) throw new Response(t(f.key), { status: f.status === 403 ? 403 : 404 });
    throw e;
  }
}

// Route modules call these from inside their own loader/action functions (never at module
// level: the browser bundle gets an empty version of this file).
export async function reportLoader(kind: Kind, { request, params }: LoaderFunctionArgs) {
  const { s, t } = await subject(request, kind, idParam(request, params));
  return json({ title: t(titleKey(kind)), titleKey: titleKey(kind), excerpt: s.excerpt, threadTitle: s.title, back: `${base(kind)}/${params.id}` });
}

export async function reportAction(kind: Kind, { request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const { actor, s, t } = await subject(request, kind, idParam(request, params));
  const r = readReportForm(form);
  if (!r.ok || !r.input) return json({ error: t(r.errors.reason), reason: String(r.values.reason ?? "") }, { status: 400 });
  await createReport({ subjectType: kind, subjectId: idParam(request, params), threadId: s.threadId, reporterId: actor.id, reason: r.input.reason });
  return redirect(`${base(kind)}/${params.id}?notice=reported`);
}
