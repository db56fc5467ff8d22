// /objectives/:n — one GCM objective: how many practices and discussions, where they come from,
// which guiding principles they apply, the newest ones; every count links into /search.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { CountList, LandingSummary, LatestPractices } from "~/components/landing";
import { FollowButton } from "~/components/follow-button";
import { parseForm } from "~/lib/form.server";
import { objectiveFollowAction } from "~/lib/objective-follow.server";
import { getUser } from "~/lib/session.server";
import { feedPaths, titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { isFollowing, practiceOverview } from "~/models.server";
import { isObjective, objectiveKey, objectives, objectiveTitleKey, principleKey, principles, regionKey, regions } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, ["common", "taxonomy", "api"]);
  const n = /^[0-9]{1,2}$/.test(params.n ?? "") ? Number(params.n) : NaN;
  if (!isObjective(n)) throw new Response(t("errors.notFound"), { status: 404 });
  const user = await getUser(request);
  const [o, following] = await Promise.all([practiceOverview({ objective: n }, 6), user ? isFollowing(String(user._id), "objective", String(n)) : false]);
  const counts = o.breakdown;
  const byRegion = counts
    ? regions
        .filter((r) => (counts.region[r] ?? 0) > 0)
        .map((r) => ({ key: r, to: `/search?objective=${n}&region=${encodeURIComponent(r)}&type=practice`, label: t(regionKey(r), { ns: "taxonomy" }), count: counts.region[r] }))
    : [];
  const byPrinciple = counts
    ? principles
        .filter((p) => (counts.principles[p] ?? 0) > 0)
        .map((p) => ({ key: p, to: `/search?objective=${n}&principle=${p}&type=practice`, label: t(principleKey(p), { ns: "taxonomy" }), count: counts.principles[p] }))
    : [];
  const short = t(objectiveKey(n), { ns: "taxonomy" });
  return json({
    title: `${t("objectives.heading", { n })}: ${short}`,
    feed: { href: feedPaths.objective(n), title: t("feeds.objectiveLink", { ns: "api", name: short }) },
    n,
    signedIn: Boolean(user),
    following,
    short,
    full: t(objectiveTitleKey(n), { ns: "taxonomy" }),
    total: o.total,
    threads: o.threads,
    fallback: o.source === "database",
    byRegion,
    byPrinciple,
    latest: o.latest,
    previous: objectives.includes(n - 1) ? n - 1 : null,
    next: objectives.includes(n + 1) ? n + 1 : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  return objectiveFollowAction(request, form, (n) => `/objectives/${n}`);
}

export default function ObjectivePage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/", label: t("nav.home") }, { to: "/objectives", label: t("nav.objectives") }]} />
      <h1>
        {t("objectives.heading", { n: d.n })}: {d.short}
      </h1>
      <p className="lead">{d.full}</p>
      {d.signedIn ? (
        <div>
          <FollowButton targetType="objective" targetKey={String(d.n)} following={d.following} label={t("follow.objective", { ns: "threads", n: d.n })} />
        </div>
      ) : null}
      <LandingSummary
        total={d.total}
        threads={d.threads}
        search={{ to: `/search?objective=${d.n}&type=practice`, label: t("objectives.searchAll", { n: d.n }) }}
        discussions={{ to: `/threads?objective=${d.n}`, label: t("objectives.discussions", { n: d.n }) }}
        fallback={d.fallback}
      />
      <div className="count-columns">
        <CountList id="by-region" title={t("objectives.byRegion")} items={d.byRegion} />
        <CountList id="by-principle" title={t("objectives.byPrinciple")} items={d.byPrinciple} />
      </div>
      <LatestPractices practices={d.latest} />
      <p className="feed-link">
        <a href={d.feed.href} type="application/atom+xml">
          {d.feed.title}
        </a>
      </p>
      <nav aria-label={t("objectives.pager")} className="pager">
        {d.previous ? <Link to={`/objectives/${d.previous}`} rel="prev">{t("objectives.previous", { n: d.previous })}</Link> : <span />}
        {d.next ? <Link to={`/objectives/${d.next}`} rel="next">{t("objectives.next", { n: d.next })}</Link> : <span />}
      </nav>
    </div>
  );
}
