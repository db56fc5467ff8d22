import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ThreadForm, type ThreadFormValues } from "~/components/thread-form";
import { honeypotFilled, parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { actorOf, createThread, discussionFailure, findSpace, idempotencyKeyOf, newIdempotencyKey, once, readThreadForm, spaceText } from "~/models.server";
import { canStartThread } from "../../models/thread-rules";
import { slugParam } from "~/lib/params.server";

export const meta = titleMeta;

async function load(request: Request, slug: string) {
  const { t, locale } = i18nFor(request, "threads");
  const user = await requirePermission(request, "thread:create");
  const space = await findSpace(slug);
  if (!space) throw new Response(t("errors.notFound"), { status: 404 });
  return { user, space, t, locale };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, space, t, locale } = await load(request, slugParam(request, params));
  return json({
    title: t("threadForm.pageTitle"),
    space: { slug: space.slug, title: spaceText(space, locale).title, language: space.languages?.[0] ?? "en" },
    open: canStartThread(actorOf(user), space),
    idempotencyKey: newIdempotencyKey(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const { user, space, t } = await load(request, slugParam(request, params));
  if (honeypotFilled(form)) return redirect(`/spaces/${space.slug}`);
  const r = await readThreadForm(form);
  if (!r.ok || !r.input) return json({ errors: r.errors, values: r.values as unknown as ThreadFormValues, formError: null }, { status: r.status });
  // Unconfirmed addresses read and draft but do not post (decision 042): the thread comes back.
  if (!user.emailVerifiedAt) return json({ errors: {} as Record<string, string>, values: r.values as unknown as ThreadFormValues, formError: t("errors.unverified") }, { status: 403 });
  try {
    const input = r.input;
    // A repeated submission of this form render (double click, resubmit, retry) leads to the thread it already made.
    const to = await once({ userId: String(user._id), scope: `thread:${String(space._id)}`, key: idempotencyKeyOf(form), whilePending: `/spaces/${space.slug}` }, async () => {
      const created = await createThread(actorOf(user), String(space._id), input);
      return `/threads/${created.id}${created.held ? "?notice=held" : ""}`;
    });
    return redirect(to);
  } catch (e) {
    const f = discussionFailure(e);
    if (!f) throw e;
    if (f.status === 404 || f.status === 403) throw new Response(t(f.key), { status: f.status });
    return json({ errors: {} as Record<string, string>, values: r.values as unknown as ThreadFormValues, formError: t(f.key, { minutes: f.retryAfterMinutes }) }, { status: f.status });
  }
}

export default function NewThread() {
  const { space, open, idempotencyKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("threads");
  const values: ThreadFormValues = data?.values ?? { title: "", body: "", language: space.language, objectives: [], region: "global", practices: "" };
  return (
    <div className="container">
      <h1>{t("threadForm.pageTitle")}</h1>
      <p>
        {t("threadForm.inSpace")} <Link to={`/spaces/${space.slug}`}>{space.title}</Link>
      </p>
      {open ? (
        <ThreadForm idempotencyKey={idempotencyKey} values={values} errors={data?.errors ?? {}} submitLabel={t("threadForm.submit")} formError={data?.formError ?? undefined} />
      ) : (
        <p className="notice">{t("errors.closed")}</p>
      )}
    </div>
  );
}
