import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeDiff } from "~/components/practice-form-diff";
import { titleMeta } from "~/lib/meta";
import { i18nFor, practiceLabelsFor } from "~/lib/request.server";
import { findPublishedPractice, getRevision } from "~/models.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { diffPractices } from "../../models/practice-diff";
import { slugParam } from "~/lib/params.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, ["practices", "common"]);
  const url = new URL(request.url);
  const { practice, redirectTo } = await findPublishedPractice(slugParam(request, params));
  if (redirectTo) throw redirect(`/practices/${redirectTo}/compare${url.search}`, 301);
  if (!practice) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const num = (k: string) => {
    const raw = url.searchParams.get(k) ?? "";
    return /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  };
  const a = num("a");
  const b = num("b");
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new Response(t("errors.badRequest", { ns: "common" }), { status: 400 });
  const [ra, rb] = await Promise.all([getRevision(practice._id, a), getRevision(practice._id, b)]);
  if (!ra || !rb) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  return json({
    title: t("compare.title", { title: practice.title }),
    slug: practice.slug,
    practiceTitle: practice.title,
    a,
    b,
    diff: diffPractices(ra, rb, practiceLabelsFor(request)),
  });
}

export default function ComparePractice() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation(["practices", "common"]);
  return (
    <div className="container">
      <Breadcrumb items={[{ to: `/practices/${d.slug}`, label: d.practiceTitle }, { to: `/practices/${d.slug}/history`, label: t("history.link") }]} />
      <h1>{t("compare.heading", { a: d.a, b: d.b })}</h1>
      <PracticeDiff diffs={d.diff} beforeLabel={t("history.revision", { n: d.a })} afterLabel={t("history.revision", { n: d.b })} />
    </div>
  );
}
