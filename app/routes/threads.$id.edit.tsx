import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ThreadForm, type ThreadFormValues } from "~/components/thread-form";
import { honeypotFilled, parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";
import { actorOf, discussionFailure, editThread, readThreadForm, threadForEdit } from "~/models.server";
import { idParam } from "~/lib/params.server";

export const meta = titleMeta;

async function load(request: Request, id: string) {
  const { t } = i18nFor(request, "threads");
  const user = await requireUser(request);
  const thread = await threadForEdit(id, actorOf(user));
  if (!thread) throw new Response(t("errors.notFound"), { status: 404 });
  if (!thread.canEdit) throw new Response(t("errors.forbidden"), { status: 403 });
  return { user, thread, t };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { thread, t } = await load(request, idParam(request, params));
  return json({ title: t("edit.threadTitle"), thread });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const { user, t } = await load(request, idParam(request, params));
  if (honeypotFilled(form)) return redirect(`/threads/${params.id}`);
  const r = await readThreadForm(form);
  if (!r.ok || !r.input) return json({ errors: r.errors, values: r.values as unknown as ThreadFormValues, formError: null }, { status: r.status });
  try {
    await editThread(actorOf(user), idParam(request, params), r.input);
  } catch (e) {
    const f = discussionFailure(e);
    if (!f) throw e;
    if (f.status === 404 || f.status === 403) throw new Response(t(f.key), { status: f.status });
    return json({ errors: {} as Record<string, string>, values: r.values as unknown as ThreadFormValues, formError: t(f.key) }, { status: f.status });
  }
  return redirect(`/threads/${params.id}?notice=edited`);
}

export default function EditThread() {
  const { thread } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("threads");
  const values: ThreadFormValues = data?.values ?? {
    title: thread.title,
    body: thread.text,
    bodyState: thread.state,
    language: thread.language,
    objectives: thread.objectives,
    region: thread.region,
    practices: thread.practices.join("\n"),
  };
  return (
    <div className="container">
      <h1>{t("edit.threadTitle")}</h1>
      <p>
        <Link to={`/threads/${thread.id}`}>{t("edit.backToThread")}</Link>
      </p>
      <p className="hint">{t("edit.historyNote")}</p>
      <ThreadForm values={values} errors={data?.errors ?? {}} submitLabel={t("edit.save")} formError={data?.formError ?? undefined} />
    </div>
  );
}
