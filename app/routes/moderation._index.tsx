import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { Pagination } from "~/components/pagination";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { requirePageInRange } from "~/lib/params.server";
import { i18nFor } from "~/lib/request.server";
import { findCallBySlug, listCalls, parseQuery, reviewQueueWithCounts } from "~/models.server";
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
  const { locale } = i18nFor(request, "moderation");
  const rawCall = url.searchParams.get("call") ?? "";
  const call = rawCall ? await findCallBySlug(rawCall) : null;
  const { page } = parseQuery(url.searchParams, { keys: [] });
  const [{ queue, counts }, calls] = await Promise.all([reviewQueueWithCounts({ status, objective, region, age, callId: call?._id }, page), listCalls(locale)]);
  requirePageInRange(request, page, queue.rows.length === 0);
  const { rows, hasNext, total } = queue;
  return json({ title: t("queue.title"), status, objective: objective ?? null, region: region ?? "", age: age ?? "", call: call?.slug ?? "", calls: calls.map((c) => ({ value: c.slug, label: c.title })), rows, hasNext, total, page, counts });
}

export default function ModerationQueue() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation(["moderation", "practices", "taxonomy", "calls"]);
  const qs = (status: string) => {
    const p = new URLSearchParams();
    p.set("status", status);
    if (d.objective) p.set("objective", String(d.objective));
    if (d.region) p.set("region", d.region);
    if (d.age) p.set("age", d.age);
    if (d.call) p.set("call", d.call);
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
        <FilterSelect
          name="objective"
          label={t("queue.objective")}
          anyLabel={t("queue.any")}
          value={d.objective ?? ""}
          options={objectives.map((n) => ({ value: String(n), label: `${n}. ${t(objectiveKey(n), { ns: "taxonomy" })}` }))}
        />
        <FilterSelect
          name="region"
          label={t("queue.region")}
          anyLabel={t("queue.any")}
          value={d.region}
          options={regions.map((r) => ({ value: r, label: t(regionKey(r), { ns: "taxonomy" }) }))}
        />
        <FilterSelect
          name="age"
          label={t("queue.age")}
          anyLabel={t("queue.anyAge")}
          value={d.age}
          options={queueAges.map((a) => ({ value: a, label: t("queue.olderThan", { count: Number(a) }) }))}
        />
        {d.calls.length ? <FilterSelect name="call" label={t("moderation.filter", { ns: "calls" })} anyLabel={t("moderation.all", { ns: "calls" })} value={d.call} options={d.calls} /> : null}
        <button type="submit">{t("queue.apply")}</button>
      </Form>
      <h2 id="queue-results">{t("queue.results", { count: d.total, status: t(`status.${d.status}`, { ns: "practices" }) })}</h2>
      {d.rows.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <table aria-labelledby="queue-results" className="card-table">
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
                <td className="card-table-title">
                  <Link to={`/moderation/practices/${r.id}`}>{r.title}</Link>
                  {r.revision ? <span className="tag"> {t("queue.revisionTag")}</span> : null}
                </td>
                <td data-label={t("queue.colSubmitter")}>{r.owner}</td>
                <td data-label={t("queue.colSubmitted")}>{r.submittedAt ? <FormattedDate iso={r.submittedAt} /> : "—"}</td>
                <td data-label={t("queue.colObjectives")}>{r.objectives.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={d.page} hasNext={d.hasNext} />
    </div>
  );
}

/** One labelled filter of the queue's GET form: "any" first, then the options. */
function FilterSelect(props: { name: string; label: string; anyLabel: string; value: string | number; options: { value: string; label: string }[] }) {
  const id = `q-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={String(props.value ?? "")}>
        <option value="">{props.anyLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
