import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeCard } from "~/components/practice-card";
import { useNumberFormat } from "~/components/formatted";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { countsByObjective, latestPractices } from "~/models.server";
import { objectiveKey, objectives } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request);
  const [latest, counts] = await Promise.all([latestPractices(6), countsByObjective()]);
  return json({ title: t("home.title"), latest, counts });
}

export default function Home() {
  const { latest, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["common", "taxonomy"]);
  const fmt = useNumberFormat();
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
      <section aria-labelledby="latest-title">
        <h2 id="latest-title">{t("home.latest")}</h2>
        <div className="card-grid">
          {latest.map((p) => (
            <PracticeCard key={p.slug} practice={p} headingLevel={3} />
          ))}
        </div>
        <p>
          <Link to="/practices">{t("home.allPractices")}</Link>
        </p>
      </section>
      <section aria-labelledby="objectives-title">
        <h2 id="objectives-title">{t("home.byObjective")}</h2>
        <ol className="objective-list">
          {objectives.map((n) => (
            <li key={n}>
              <Link to={`/practices?objective=${n}`}>
                <span className="objective-number">{n}</span>
                <span className="objective-name">{t(objectiveKey(n), { ns: "taxonomy" })}</span>
                <span className="objective-count">{t("home.practiceCount", { count: counts[n] ?? 0, formatted: fmt(counts[n] ?? 0) })}</span>
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
