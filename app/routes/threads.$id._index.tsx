import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { FollowButton } from "~/components/follow-button";
import { FormattedDate } from "~/components/formatted";
import { Pagination } from "~/components/pagination";
import { useSuccessfulSubmissions } from "~/components/form-safety";
import { ActionButton, ConfirmedActionButton, Reply, ReplyForm } from "~/components/reply";
import { honeypotFilled, parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { can } from "../../models/permissions";
import { i18nFor } from "~/lib/request.server";
import { getUser, requireUser } from "~/lib/session.server";
import {
  actorOf,
  deletePost,
  deleteThread,
  discussionFailure,
  follow,
  isFollowing,
  moderatePost,
  moderateThread,
  moveTargets,
  newIdempotencyKey,
  once,
  idempotencyKeyOf,
  parseQuery,
  postModerationActions,
  quotePreview,
  readReplyForm,
  replyToThread,
  threadModerationActions,
  threadPage,
  spaceText,
  unfollow,
  type PostModerationAction,
  type ThreadModerationAction,
} from "~/models.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { SuccessNotice } from "~/components/success-notice";
import { objectiveKey, regionKey } from "../../models/taxonomy";
import { idParam } from "~/lib/params.server";

export const meta = titleMeta;
const PER_PAGE = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "threads");
  const url = new URL(request.url);
  const { page } = parseQuery(url.searchParams, { keys: [], extra: ["quote", "notice"], maxPerPage: 100 });
  const user = await getUser(request);
  const viewer = user ? actorOf(user) : null;
  const data = await threadPage(idParam(request, params), viewer, page, PER_PAGE);
  if (!data) throw new Response(t("errors.notFound"), { status: 404 });
  data.space = { ...data.space, title: spaceText({ ...data.space, description: "" }, locale).title };
  const quoteParam = url.searchParams.get("quote") ?? "";
  const [following, quote, targets] = await Promise.all([
    isFollowing(viewer?.id, "thread", data.thread.id),
    quoteParam && data.canReply ? quotePreview(data.thread.id, quoteParam.slice(0, 40)) : Promise.resolve(null),
    viewer && data.canModerate ? moveTargets(viewer, data.space.id) : Promise.resolve([]),
  ]);
  const notice = url.searchParams.get("notice");
  return json({
    title: data.thread.title,
    ...data,
    page,
    perPage: PER_PAGE,
    following,
    quote,
    moveTargets: targets,
    signedIn: Boolean(viewer),
    idempotencyKey: newIdempotencyKey(),
    notice: notice && ["held", "reported", "edited", "deleted", "moderated"].includes(notice) ? notice : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requireUser(request);
  const actor = actorOf(user);
  const { t } = i18nFor(request, "threads");
  const id = idParam(request, params);
  const intent = String(form.get("intent") ?? "");
  const back = `/threads/${id}`;
  let values: Record<string, unknown> | null = null;
  const fail = (e: unknown) => {
    const f = discussionFailure(e);
    if (!f) throw e;
    if (f.status === 404 || f.status === 403) throw new Response(t(f.key), { status: f.status });
    return json({ formError: t(f.key, { minutes: f.retryAfterMinutes }), errors: {} as Record<string, string>, values }, { status: f.status });
  };
  try {
    switch (intent) {
      case "follow":
      case "unfollow": {
        // Only a thread this member can see can be followed.
        if (intent === "follow" && !(await threadPage(id, actor, 1, 1))) throw new Response(t("errors.notFound"), { status: 404 });
        if (intent === "follow") await follow(actor.id, "thread", id);
        else await unfollow(actor.id, "thread", id);
        return redirect(back);
      }
      case "reply": {
        if (!can(actor.roles, "post:reply")) throw new Response(t("errors.forbidden"), { status: 403 });
        if (honeypotFilled(form)) return redirect(back);
        const r = readReplyForm(form);
        if (!r.ok || !r.input) {
          const errors = Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, t(v)]));
          return json({ formError: null, errors, values: r.values }, { status: r.status });
        }
        values = r.values;
        // Unconfirmed addresses read and draft but do not post (decision 042): the reply comes back.
        if (!user.emailVerifiedAt) return json({ formError: t("errors.unverified"), errors: {} as Record<string, string>, values: r.values }, { status: 403 });
        const input = r.input;
        // A repeated submission of this form render (double click, resubmit, retry) leads to the reply it already made.
        const to = await once({ userId: actor.id, scope: `reply:${id}`, key: idempotencyKeyOf(form), whilePending: back }, async () => {
          const posted = await replyToThread(actor, id, input.body, input.quoteOf || undefined);
          return `/posts/${posted.id}${posted.held ? "?notice=held" : ""}`;
        });
        return redirect(to);
      }
      case "mod-thread": {
        const a = String(form.get("action") ?? "") as ThreadModerationAction;
        if (!threadModerationActions.includes(a)) throw new Response(t("errors.invalidRequest"), { status: 400 });
        await moderateThread(actor, id, a, { toSpaceId: String(form.get("toSpaceId") ?? ""), comment: String(form.get("comment") ?? "") });
        return redirect(`${back}?notice=moderated`);
      }
      case "mod-post": {
        const a = String(form.get("action") ?? "") as PostModerationAction;
        if (!postModerationActions.includes(a)) throw new Response(t("errors.invalidRequest"), { status: 400 });
        const postId = String(form.get("postId") ?? "");
        await moderatePost(actor, postId, a);
        return redirect(`/posts/${postId}?notice=moderated`);
      }
      case "delete-thread": {
        const r = await deleteThread(actor, id);
        return redirect(`/spaces/${r.spaceSlug}?notice=deleted`);
      }
      case "delete-post": {
        const postId = String(form.get("postId") ?? "");
        await deletePost(actor, postId);
        return redirect(`/posts/${postId}?notice=deleted`);
      }
      default:
        throw new Response(t("errors.invalidRequest"), { status: 400 });
    }
  } catch (e) {
    if (e instanceof Response) throw e;
    return fail(e);
  }
}

export default function ThreadPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { thread, space, replies, total, page, perPage } = data;
  const { t } = useTranslation(["threads", "taxonomy", "common"]);
  const bodyError = actionData?.errors && "body" in actionData.errors ? String(actionData.errors.body) : undefined;
  const values = actionData?.values as { body?: string; bodyState?: string; quoteOf?: string } | null | undefined;
  const quote = data.quote;
  const posted = useSuccessfulSubmissions("reply"); // a new, empty reply form after each reply
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/spaces", label: t("spaces.title") }, { to: `/spaces/${space.slug}`, label: space.title }]} />
      <SuccessNotice message={data.notice && t(`notice.${data.notice}`)} />
      <article className="thread" aria-labelledby="thread-title">
        <h1 id="thread-title" lang={thread.language}>
          {thread.title}
        </h1>
        <p className="card-meta">
          <Link to={`/users/${thread.authorId}`}>{t("detail.startedBy", { author: thread.author })}</Link> · <FormattedDate iso={thread.createdAt} withTime />
          {thread.editedAt ? (
            <>
              {" · "}
              <span className="edited">{t("reply.edited")}</span>
            </>
          ) : null}
        </p>
        <ul className="tags">
          {thread.pinned ? <li className="tag">{t("detail.pinned")}</li> : null}
          {thread.locked ? <li className="tag">{t("detail.locked")}</li> : null}
          {!space.open ? <li className="tag">{t("detail.closedSpace")}</li> : null}
        </ul>
        {thread.hidden ? <p className="notice">{t("detail.hiddenNote")}</p> : null}
        {thread.held ? <p className="notice">{t("detail.heldNote")}</p> : null}
        <div className="rich-text" lang={thread.language} dangerouslySetInnerHTML={{ __html: thread.html }} />
        <ul className="tags">
          {thread.objectives.map((n) => (
            <li key={n}>
              <Link className="tag" to={`/threads?objective=${n}`}>
                {t("common:practice.objectiveShort", { n })}: {t(objectiveKey(n), { ns: "taxonomy" })}
              </Link>
            </li>
          ))}
          {thread.region ? <li className="tag">{t(regionKey(thread.region), { ns: "taxonomy" })}</li> : null}
        </ul>
        {thread.practices.length ? (
          <section aria-labelledby="linked-practices" className="linked-practices">
            <h2 id="linked-practices">{t("detail.linkedPractices")}</h2>
            <ul>
              {thread.practices.map((p) => (
                <li key={p.slug}>
                  <Link to={`/practices/${p.slug}`} lang={p.language}>
                    {p.title}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <ul className="post-actions">
          {data.canReply ? (
            <li>
              <Link to={`?quote=${thread.id}#reply-form`}>
                {t("reply.quote")}
                <span className="visually-hidden"> {t("reply.quoteWhom", { author: thread.author })}</span>
              </Link>
            </li>
          ) : null}
          {thread.canEdit ? (
            <li>
              <Link to={`/threads/${thread.id}/edit`}>{t("detail.editThread")}</Link>
            </li>
          ) : null}
          {thread.canDelete ? (
            <li>
              <ConfirmedActionButton intent="delete-thread" label={t("detail.deleteThread")} question={t("detail.deleteThreadQuestion")} confirmLabel={t("detail.deleteThreadConfirm")} />
            </li>
          ) : null}
          {thread.canReport ? (
            <li>
              <Link to={`/threads/${thread.id}/report`}>{t("detail.reportThread")}</Link>
            </li>
          ) : null}
        </ul>
      </article>
      {data.signedIn ? <FollowButton targetType="thread" targetKey={thread.id} following={data.following} label={t("follow.thisThread")} /> : null}
      {data.canModerate ? (
        <section aria-labelledby="mod-title" className="moderation-panel card">
          <h2 id="mod-title">{t("moderation.title")}</h2>
          {data.openReports ? (
            <p>
              <Link to="/moderation/reports">{t("moderation.openReports", { count: data.openReports })}</Link>
            </p>
          ) : null}
          <ul className="post-actions">
            <li>
              <ActionButton intent="mod-thread" className="secondary" label={thread.pinned ? t("moderation.unpin") : t("moderation.pin")} fields={{ action: thread.pinned ? "unpin" : "pin" }} />
            </li>
            <li>
              <ActionButton intent="mod-thread" className="secondary" label={thread.locked ? t("moderation.unlock") : t("moderation.lock")} fields={{ action: thread.locked ? "unlock" : "lock" }} />
            </li>
            <li>
              <ActionButton intent="mod-thread" className="secondary" label={thread.hidden ? t("moderation.unhideThread") : t("moderation.hideThread")} fields={{ action: thread.hidden ? "unhide" : "hide" }} />
            </li>
            {thread.held ? (
              <li>
                <ActionButton intent="mod-thread" className="secondary" label={t("moderation.approve")} fields={{ action: "approve" }} />
              </li>
            ) : null}
          </ul>
          {data.moveTargets.length ? (
            <Form method="post" className="move-form">
              <CsrfField />
              <input type="hidden" name="intent" value="mod-thread" />
              <input type="hidden" name="action" value="move" />
              <label htmlFor="move-to">{t("moderation.moveTo")}</label>{" "}
              {/* No space is chosen until the moderator picks one: never a silent move to the first. */}
              <select id="move-to" name="toSpaceId" required defaultValue="">
                <option value="">
                  {t("moderation.movePlaceholder")}
                </option>
                {data.moveTargets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>{" "}
              <button type="submit" className="secondary">
                {t("moderation.move")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="replies-title">
        <h2 id="replies-title">{t("detail.replies", { count: total })}</h2>
        {replies.length ? (
          <ol className="reply-list">
            {replies.map((r) => (
              <Reply key={r.id} r={r} language={thread.language} canModerate={data.canModerate} canQuote={data.canReply} signedIn={data.signedIn} />
            ))}
          </ol>
        ) : (
          <p className="muted">{t("detail.noReplies")}</p>
        )}
        <Pagination page={page} perPage={perPage} total={total} />
      </section>
      <section aria-labelledby="reply-form-title" id="reply-form" tabIndex={-1}>
        <h2 id="reply-form-title">{t("reply.formTitle")}</h2>
        {data.canReply ? (
          <ReplyForm
            key={posted}
            threadId={thread.id}
            idempotencyKey={data.idempotencyKey}
            quote={quote}
            formError={actionData?.formError ?? undefined}
            bodyError={bodyError}
            values={values ?? undefined}
          />
        ) : data.replyRefusal === "locked" ? (
          <p className="notice">{t("errors.locked")}</p>
        ) : data.replyRefusal === "closed" ? (
          <p className="notice">{t("errors.closed")}</p>
        ) : thread.held ? (
          <p className="notice">{t("detail.heldNote")}</p>
        ) : !data.signedIn ? (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(`/threads/${thread.id}`)}`}>{t("reply.loginToReply")}</Link>
          </p>
        ) : (
          <p className="notice">{t("errors.forbidden")}</p>
        )}
      </section>
    </div>
  );
}
