import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LatestPractices, ObjectiveTiles } from "~/components/landing";
import { feedPaths, titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { practiceOverview } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, ["common", "api"]);
  const o = await practiceOverview({}, 6);
  return json({ title: t("home.title"), feed: { href: feedPaths.practices, title: t("feeds.allLink", { ns: "api" }) }, latest: o.latest, counts: o.breakdown?.objectives ?? null });
}

export default function Home() {
  const { latest, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["common", "taxonomy"]);
  return (
    <div className="container">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <form method="get" action="/search" role="search" className="hero-search">
          <label htmlFor="home-q">{t("home.searchLabel")}</label>
          <input id="home-q" name="q" type="search" maxLength={200} />
          <button type="submit">{t("nav.search")}</button>
        </form>
      </section>
      <LatestPractices practices={latest} />
      <p>
        <Link to="/practices">{t("home.allPractices")}</Link>
      </p>
      <section aria-labelledby="objectives-title">
        <h2 id="objectives-title">{t("home.byObjective")}</h2>
        <ObjectiveTiles counts={counts} />
        <p>
          <Link to="/regions">{t("regions.title")}</Link>
        </p>
      </section>
    </div>
  );
}
