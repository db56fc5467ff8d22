import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { Pagination } from "~/components/pagination";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { parseQuery } from "~/models.server";
import { latestThreads } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "threads");
  const { page, perPage } = parseQuery(new URL(request.url).searchParams, { keys: [], maxPerPage: 50 });
  const { total, threads } = await latestThreads(page, perPage);
  return json({ title: t("list.title"), total, threads, page, perPage });
}

export default function ThreadsIndex() {
  const { threads, total, page, perPage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("threads");
  return (
    <div className="container">
      <h1>{t("list.title")}</h1>
      <ul className="thread-list">
        {threads.map((th) => (
          <li key={th.id} className="card">
            <h2 className="card-title">
              <Link to={`/threads/${th.id}`}>
                <span lang={th.language}>{th.title}</span>
              </Link>
            </h2>
            <p className="card-meta">
              {t("list.meta", { author: th.author, count: th.replyCount })} · <FormattedDate iso={th.lastPostAt} />
            </p>
            <p lang={th.language}>{th.excerpt}</p>
          </li>
        ))}
      </ul>
      <Pagination page={page} perPage={perPage} total={total} />
    </div>
  );
}
