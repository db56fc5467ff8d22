// /regions/:region — one UN region (or "global"): how many practices and discussions, which
// objectives they address, which countries; every count links into /search.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { CountList, LandingSummary, LatestPractices } from "~/components/landing";
import { feedPaths, titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { collatorFor, countryName, practiceOverview } from "~/models.server";
import { objectiveKey, objectives, regionKey, regions, regionSlug } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["common", "taxonomy", "api"]);
  const region = regions.find((r) => regionSlug(r) === params.region);
  if (!region) {
    // /regions/Africa (the taxonomy's spelling) → /regions/africa
    const other = regions.find((r) => regionSlug(r) === params.region?.toLowerCase());
    if (other) throw redirect(`/regions/${regionSlug(other)}`, 301);
    throw new Response(t("errors.notFound"), { status: 404 });
  }
  const o = await practiceOverview({ region }, 6);
  const counts = o.breakdown;
  const q = `region=${encodeURIComponent(region)}&type=practice`;
  const byObjective = counts
    ? objectives
        .filter((n) => (counts.objectives[n] ?? 0) > 0)
        .map((n) => ({ key: String(n), to: `/search?${q}&objective=${n}`, label: `${n}. ${t(objectiveKey(n), { ns: "taxonomy" })}`, count: counts.objectives[n] }))
    : [];
  const byCountry = counts
    ? Object.entries(counts.countries)
        .filter(([, c]) => c > 0)
        .map(([code, c]) => ({ key: code, to: `/search?${q}&country=${code}`, label: countryName(code, locale), count: c }))
        .sort((a, b) => b.count - a.count || collatorFor(locale).compare(a.label, b.label))
    : [];
  const name = t(regionKey(region), { ns: "taxonomy" });
  return json({ title: name, feed: { href: feedPaths.region(regionSlug(region)), title: t("feeds.regionLink", { ns: "api", name }) }, region, name, total: o.total, threads: o.threads, fallback: o.source === "database", byObjective, byCountry, latest: o.latest });
}

export default function RegionPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/", label: t("nav.home") }, { to: "/regions", label: t("nav.regions") }]} />
      <h1>{d.name}</h1>
      <LandingSummary
        total={d.total}
        threads={d.threads}
        search={{ to: `/search?region=${encodeURIComponent(d.region)}&type=practice`, label: t("regions.searchAll", { region: d.name }) }}
        discussions={{ to: `/search?region=${encodeURIComponent(d.region)}&type=thread`, label: t("regions.discussions", { region: d.name }) }}
        fallback={d.fallback}
      />
      <div className="count-columns">
        <CountList id="by-objective" title={t("regions.byObjective")} items={d.byObjective} />
        <CountList id="by-country" title={t("regions.byCountry")} items={d.byCountry} />
      </div>
      <LatestPractices practices={d.latest} />
      <p className="feed-link">
        <a href={d.feed.href} type="application/atom+xml">
          {d.feed.title}
        </a>
      </p>
    </div>
  );
}
