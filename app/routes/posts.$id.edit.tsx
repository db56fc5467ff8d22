import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { useUnsavedChangesGuard } from "~/components/form-safety";
import { RichTextField } from "~/editor/rich-text-field";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";
import { actorOf, discussionFailure, editPost, postForEdit, readReplyForm } from "~/models.server";
import { idParam } from "~/lib/params.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "threads");
  const user = await requireUser(request);
  const post = await postForEdit(idParam(request, params), actorOf(user));
  if (!post) throw new Response(t("errors.notFound"), { status: 404 });
  if (!post.canEdit) throw new Response(t("errors.forbidden"), { status: 403 });
  return json({ title: t("edit.replyTitle"), post });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requireUser(request);
  const { t } = i18nFor(request, "threads");
  // Who may edit is decided before what was sent is read (as the page itself does).
  const post = await postForEdit(idParam(request, params), actorOf(user));
  if (!post) throw new Response(t("errors.notFound"), { status: 404 });
  if (!post.canEdit) throw new Response(t("errors.forbidden"), { status: 403 });
  const r = readReplyForm(form);
  if (!r.ok || !r.input) {
    return json({ errors: Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, t(v)])), values: r.values, formError: null }, { status: r.status });
  }
  try {
    await editPost(actorOf(user), idParam(request, params), r.input.body);
  } catch (e) {
    const f = discussionFailure(e);
    if (!f) throw e;
    if (f.status === 404 || f.status === 403) throw new Response(t(f.key), { status: f.status });
    return json({ errors: {} as Record<string, string>, values: r.values, formError: t(f.key) }, { status: f.status });
  }
  return redirect(`/posts/${params.id}?notice=edited`);
}

export default function EditReply() {
  const { post } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("threads");
  const values = data?.values as { body?: string; bodyState?: string } | undefined;
  const formRef = useRef<HTMLFormElement>(null);
  useUnsavedChangesGuard(formRef);
  return (
    <div className="container narrow">
      <h1>{t("edit.replyTitle")}</h1>
      <p>
        {t("edit.inThread")} <Link to={`/posts/${post.id}`}>{post.threadTitle}</Link>
      </p>
      {data?.formError ? (
        <p className="error-summary" role="alert">
          {data.formError}
        </p>
      ) : null}
      <Form method="post" noValidate ref={formRef}>
        <CsrfField />
        <RichTextField name="body" label={t("reply.body")} required defaultText={values?.body ?? post.text} defaultState={values ? values.bodyState : post.state} error={data?.errors && "body" in data.errors ? String(data.errors.body) : undefined} />
        <p className="hint">{t("edit.historyNote")}</p>
        <button type="submit">{t("edit.save")}</button>
      </Form>
    </div>
  );
}
