import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { Pagination } from "~/components/pagination";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { parseQuery } from "~/models.server";
import { threadWithReplies } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "threads");
  const { page, perPage } = parseQuery(new URL(request.url).searchParams, { keys: [], maxPerPage: 100, defaultPerPage: 25 });
  const data = await threadWithReplies(params.id ?? "", page, perPage);
  if (!data) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  return json({ title: data.thread.title, ...data, page, perPage });
}

export default function ThreadPage() {
  const { thread, replies, total, page, perPage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("threads");
  return (
    <div className="container">
      {thread.space ? (
        <p className="breadcrumb-line">
          <Link to={`/spaces/${thread.space.slug}`}>{thread.space.title}</Link>
        </p>
      ) : null}
      <article className="thread" lang={thread.language}>
        <h1>{thread.title}</h1>
        <p className="card-meta">
          {thread.author} · <FormattedDate iso={thread.createdAt} withTime />
        </p>
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: thread.html }} />
      </article>
      <section aria-labelledby="replies-title">
        <h2 id="replies-title">{t("detail.replies", { count: total })}</h2>
        <ol className="reply-list">
          {replies.map((r) => (
            <li key={r.id} id={`reply-${r.id}`} className="reply">
              <p className="card-meta">
                {r.author} · <FormattedDate iso={r.createdAt} withTime />{" "}
                <a href={`#reply-${r.id}`} aria-label={t("detail.permalink")}>
                  #
                </a>
              </p>
              {r.deleted ? <p className="muted">{t("detail.deletedByAuthor")}</p> : <div className="rich-text" dangerouslySetInnerHTML={{ __html: r.html }} />}
            </li>
          ))}
        </ol>
        <Pagination page={page} perPage={perPage} total={total} />
      </section>
    </div>
  );
}
