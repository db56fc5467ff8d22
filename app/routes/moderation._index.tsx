import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { moderationQueue, queueCounts } from "~/models.server";
import { queueAges, queueStatuses, type QueueStatus } from "../../models/practice-workflow";
import { isObjective, isRegion, objectiveKey, objectives, regionKey, regions } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review:practice");
  const { t } = i18nFor(request, "moderation");
  const url = new URL(request.url);
  const rawStatus = url.searchParams.get("status") ?? "submitted";
  const status = ((queueStatuses as readonly string[]).includes(rawStatus) ? rawStatus : "submitted") as QueueStatus;
  const rawObjective = Number(url.searchParams.get("objective") ?? "");
  const objective = isObjective(rawObjective) ? rawObjective : undefined;
  const rawRegion = url.searchParams.get("region") ?? "";
  const region = isRegion(rawRegion) ? rawRegion : undefined;
  const rawAge = url.searchParams.get("age") ?? "";
  const age = (queueAges as readonly string[]).includes(rawAge) ? (rawAge as (typeof queueAges)[number]) : undefined;
  const [rows, counts] = await Promise.all([moderationQueue({ status, objective, region, age }), queueCounts()]);
  return json({ title: t("queue.title"), status, objective: objective ?? null, region: region ?? "", age: age ?? "", rows, counts });
}

export default function ModerationQueue() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation(["moderation", "practices", "taxonomy"]);
  const qs = (status: string) => {
    const p = new URLSearchParams();
    p.set("status", status);
    if (d.objective) p.set("objective", String(d.objective));
    if (d.region) p.set("region", d.region);
    if (d.age) p.set("age", d.age);
    return `?${p.toString()}`;
  };
  return (
    <div className="container">
      <h1>{t("queue.title")}</h1>
      <p>
        <Link to="/moderation/reports">{t("queue.reportsLink")}</Link>
      </p>
      <nav aria-label={t("queue.byStatus")}>
        <ul className="nav-list status-tabs">
          {queueStatuses.map((s) => (
            <li key={s}>
              <Link to={qs(s)} aria-current={s === d.status ? "page" : undefined}>
                {`${t(`status.${s}`, { ns: "practices" })} (${d.counts[s]})`}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="filter-row">
        <input type="hidden" name="status" value={d.status} />
        <div className="field">
          <label htmlFor="q-objective">{t("queue.objective")}</label>
          <select id="q-objective" name="objective" defaultValue={d.objective ?? ""}>
            <option value="">{t("queue.any")}</option>
            {objectives.map((n) => (
              <option key={n} value={n}>
                {n}. {t(objectiveKey(n), { ns: "taxonomy" })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-region">{t("queue.region")}</label>
          <select id="q-region" name="region" defaultValue={d.region}>
            <option value="">{t("queue.any")}</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {t(regionKey(r), { ns: "taxonomy" })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-age">{t("queue.age")}</label>
          <select id="q-age" name="age" defaultValue={d.age}>
            <option value="">{t("queue.anyAge")}</option>
            {queueAges.map((a) => (
              <option key={a} value={a}>
                {t("queue.olderThan", { count: Number(a) })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("queue.apply")}</button>
      </Form>
      <h2 id="queue-results">{t("queue.results", { count: d.rows.length, status: t(`status.${d.status}`, { ns: "practices" }) })}</h2>
      {d.rows.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <table aria-labelledby="queue-results">
          <thead>
            <tr>
              <th scope="col">{t("queue.colTitle")}</th>
              <th scope="col">{t("queue.colSubmitter")}</th>
              <th scope="col">{t("queue.colSubmitted")}</th>
              <th scope="col">{t("queue.colObjectives")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/moderation/practices/${r.id}`}>{r.title}</Link>
                  {r.revision ? <span className="tag"> {t("queue.revisionTag")}</span> : null}
                </td>
                <td>{r.owner}</td>
                <td>{r.submittedAt ? <FormattedDate iso={r.submittedAt} /> : "—"}</td>
                <td>{r.objectives.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
