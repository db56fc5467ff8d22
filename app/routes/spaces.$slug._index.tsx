import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowButton } from "~/components/follow-button";
import { Pagination } from "~/components/pagination";
import { SpaceDates } from "~/components/space-card";
import { ThreadCard } from "~/components/thread-card";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { can } from "../../models/permissions";
import { i18nFor } from "~/lib/request.server";
import { getUser, requireUser } from "~/lib/session.server";
import { actorOf, findSpace, follow, isFollowing, parseQuery, spaceText, spaceThreads, unfollow } from "~/models.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { SuccessNotice } from "~/components/success-notice";
import { canStartThread } from "../../models/thread-rules";
import { slugParam } from "~/lib/params.server";

export const meta = titleMeta;
const PER_PAGE = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "threads");
  const url = new URL(request.url);
  const { page } = parseQuery(url.searchParams, { keys: [], extra: ["notice"] });
  const user = await getUser(request);
  const viewer = user ? actorOf(user) : null;
  const data = await spaceThreads(slugParam(request, params), viewer, page, PER_PAGE);
  if (!data) throw new Response(t("errors.notFound"), { status: 404 });
  const text = spaceText(data.space, locale);
  data.space = { ...data.space, title: text.title, description: text.description };
  const following = await isFollowing(viewer?.id, "space", data.space.id);
  const notice = url.searchParams.get("notice");
  return json({
    title: data.space.title,
    ...data,
    page,
    perPage: PER_PAGE,
    following,
    signedIn: Boolean(viewer),
    canStart: canStartThread(viewer, { opensAt: data.space.opensAt, closesAt: data.space.closesAt }),
    canAdmin: can(viewer?.roles, "admin:spaces"),
    notice: notice === "deleted" || notice === "held" || notice === "saved" ? notice : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requireUser(request);
  const { t } = i18nFor(request, "threads");
  const space = await findSpace(slugParam(request, params));
  if (!space) throw new Response(t("errors.notFound"), { status: 404 });
  const intent = String(form.get("intent") ?? "");
  if (intent === "follow") await follow(String(user._id), "space", String(space._id));
  else if (intent === "unfollow") await unfollow(String(user._id), "space", String(space._id));
  else throw new Response(t("errors.invalidRequest"), { status: 400 });
  return redirect(`/spaces/${space.slug}`);
}

export default function SpacePage() {
  const data = useLoaderData<typeof loader>();
  const { space, threads } = data;
  const { t } = useTranslation(["threads", "common"]);
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/spaces", label: t("spaces.title") }]} />
      <SuccessNotice message={data.notice && t(`notice.${data.notice}`)} />
      <h1>{space.title}</h1>
      <p className="lead">{space.description}</p>
      <dl className="space-facts">
        <dt>{t("space.fields.status")}</dt>
        <dd>
          <SpaceDates opensAt={space.opensAt} closesAt={space.closesAt} open={space.open} />
        </dd>
        {space.audience ? (
          <>
            <dt>{t("space.fields.audience")}</dt>
            <dd>{space.audience}</dd>
          </>
        ) : null}
        <dt>{t("space.fields.languages")}</dt>
        <dd>{space.languages.map((l) => t(`language.${l}`, { ns: "common" })).join(", ")}</dd>
        {space.moderators.length ? (
          <>
            <dt>{t("space.fields.moderatorNames")}</dt>
            <dd>{space.moderators.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {!space.open ? <p className="notice">{t("errors.closed")}</p> : null}
      <div className="actions-row">
        {data.canStart ? (
          <Link className="button" to={`/spaces/${space.slug}/new`}>
            {t("spaces.startThread")}
          </Link>
        ) : null}{" "}
        {data.signedIn ? <FollowButton targetType="space" targetKey={space.id} following={data.following} label={t("follow.thisSpace")} /> : null}{" "}
        {data.canAdmin ? <Link to={`/spaces/${space.slug}/edit`}>{t("spaces.edit")}</Link> : null}{" "}
        {data.canModerate ? <Link to="/moderation/reports">{t("spaces.reports")}</Link> : null}
      </div>
      <h2>{t("spaces.threads")}</h2>
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
      <Pagination page={data.page} perPage={data.perPage} total={data.total} />
    </div>
  );
}
