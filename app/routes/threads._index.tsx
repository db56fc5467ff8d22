import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowButton } from "~/components/follow-button";
import { Pagination } from "~/components/pagination";
import { ThreadCard } from "~/components/thread-card";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { objectiveFollowAction } from "~/lib/objective-follow.server";
import { isFollowing, listThreads, parseQuery } from "~/models.server";
import { objectiveKey, objectives } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, ["threads", "taxonomy"]);
  const { page, perPage, filters, invalid } = parseQuery(new URL(request.url).searchParams, { keys: ["objective"], maxPerPage: 50 });
  if (invalid.length) throw new Response(t("errors.invalidRequest"), { status: 400 });
  const objective = filters.objective[0];
  const user = await getUser(request);
  const { total, threads } = await listThreads(page, perPage, { objective });
  const following = objective ? await isFollowing(user ? String(user._id) : null, "objective", String(objective)) : false;
  const title = objective ? t("list.byObjective", { n: objective, name: t(objectiveKey(objective), { ns: "taxonomy" }) }) : t("list.title");
  return json({ title, total, threads, page, perPage, objective: objective ?? null, following, signedIn: Boolean(user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  return objectiveFollowAction(request, form, (n) => `/threads?objective=${n}`);
}

export default function ThreadsIndex() {
  const { threads, total, page, perPage, title, objective, following, signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["threads", "taxonomy"]);
  return (
    <div className="container">
      <h1>{title}</h1>
      <form method="get" className="inline-filter">
        <label htmlFor="th-objective">{t("list.filterObjective")}</label>{" "}
        <select id="th-objective" name="objective" defaultValue={objective ? String(objective) : ""}>
          <option value="">{t("list.allObjectives")}</option>
          {objectives.map((n) => (
            <option key={n} value={n}>
              {n}. {t(objectiveKey(n), { ns: "taxonomy" })}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="secondary">
          {t("list.apply")}
        </button>
      </form>
      {objective && signedIn ? (
        <div className="follow-row">
          <FollowButton targetType="objective" targetKey={String(objective)} following={following} label={t("follow.objective", { n: objective })} />
        </div>
      ) : null}
      {objective ? (
        <p>
          <Link to="/threads">{t("list.allDiscussions")}</Link>
        </p>
      ) : null}
      {threads.length ? (
        <ul className="thread-list">
          {threads.map((th) => (
            <li key={th.id}>
              <ThreadCard th={th} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("spaces.noThreads")}</p>
      )}
      <Pagination page={page} perPage={perPage} total={total} />
    </div>
  );
}
