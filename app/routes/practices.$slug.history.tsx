import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormattedDate } from "~/components/formatted";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { findPublishedPractice, listRevisions } from "~/models.server";
import { slugParam } from "~/lib/params.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, ["practices", "common"]);
  const { practice, redirectTo } = await findPublishedPractice(slugParam(request, params));
  if (redirectTo) throw redirect(`/practices/${redirectTo}/history`, 301);
  if (!practice) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const revisions = await listRevisions(practice._id);
  return json({ title: t("history.title", { title: practice.title }), slug: practice.slug, practiceTitle: practice.title, revisions });
}

export default function PracticeHistory() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation(["practices", "common"]);
  const newest = d.revisions[0]?.number;
  const older = d.revisions[1]?.number;
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/practices", label: t("list.title") }, { to: `/practices/${d.slug}`, label: d.practiceTitle }]} />
      <h1>{t("history.title", { title: d.practiceTitle })}</h1>
      {d.revisions.length === 0 ? (
        <p>{t("history.none")}</p>
      ) : (
        <>
          <ol className="revision-list" reversed>
            {d.revisions.map((r) => (
              <li key={r.number}>
                {t("history.revision", { n: r.number })} · <FormattedDate iso={r.publishedAt} withTime /> · <span>{r.title}</span>
              </li>
            ))}
          </ol>
          {d.revisions.length > 1 ? (
            <Form method="get" action={`/practices/${d.slug}/compare`} className="filter-row">
              <div className="field">
                <label htmlFor="cmp-a">{t("history.compareFrom")}</label>
                <select id="cmp-a" name="a" defaultValue={older}>
                  {d.revisions.map((r) => (
                    <option key={r.number} value={r.number}>
                      {t("history.revision", { n: r.number })}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="cmp-b">{t("history.compareTo")}</label>
                <select id="cmp-b" name="b" defaultValue={newest}>
                  {d.revisions.map((r) => (
                    <option key={r.number} value={r.number}>
                      {t("history.revision", { n: r.number })}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">{t("history.compare")}</button>
            </Form>
          ) : null}
        </>
      )}
    </div>
  );
}
