import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CallTime } from "~/components/call-time";
import { Pagination } from "~/components/pagination";
import { SuccessNotice } from "~/components/success-notice";
import { feedPaths, titleMeta } from "~/lib/meta";
import { requirePageInRange, slugParam } from "~/lib/params.server";
import { can } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { callAnswers, callState, findCallBySlug, localized, parseQuery } from "~/models.server";
import type { Role } from "../../models/permissions";
import { objectiveKey, regionKey, regionSlug } from "../../models/taxonomy";

export const meta = titleMeta;
const PER_PAGE = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["calls", "common", "api"]);
  const call = await findCallBySlug(slugParam(request, params));
  if (!call) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const url = new URL(request.url);
  const { page } = parseQuery(url.searchParams, { keys: [] });
  const [user, answers] = await Promise.all([getUser(request), callAnswers(call._id, page, PER_PAGE)]);
  requirePageInRange(request, page, answers.items.length === 0);
  const title = localized(call.title, locale);
  const description = localized(call.description, locale);
  return json({
    title: title.text,
    feed: { href: feedPaths.call(call.slug), title: t("feeds.callLink", { ns: "api" }) },
    call: {
      slug: call.slug,
      title,
      description: { lang: description.lang, paragraphs: description.text.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean) },
      objectives: call.objectives ?? [],
      regions: call.regions ?? [],
      state: callState(call),
      opensAt: call.opensAt.toISOString(),
      closesAt: call.closesAt.toISOString(),
      contact: call.contact ?? { name: "", email: "" },
    },
    answers,
    page,
    perPage: PER_PAGE,
    now: new Date().toISOString(),
    notice: url.searchParams.get("notice") === "saved" ? t("saved") : null,
    canAdmin: can(user?.roles as Role[] | undefined, "admin:calls"),
    canAnswer: can(user?.roles as Role[] | undefined, "practice:submit") || !user,
  });
}

export default function CallPage() {
  const { call, answers, page, perPage, now, notice, canAdmin, canAnswer, feed } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["calls", "taxonomy"]);
  const other = (l: string) => (l !== i18n.language ? l : undefined);
  return (
    <div className="container">
      <p>
        <Link to="/calls">{t("allCalls")}</Link>
      </p>
      <SuccessNotice message={notice} />
      <h1 lang={other(call.title.lang)}>{call.title.text}</h1>
      <p>
        <strong>{t(`state.${call.state}`)}</strong> · <CallTime state={call.state} opensAt={call.opensAt} closesAt={call.closesAt} now={now} />
      </p>
      {call.state === "open" && canAnswer ? (
        <p>
          <Link className="button" to={`/practices/new?call=${call.slug}`}>
            {t("answer")}
          </Link>
        </p>
      ) : null}
      {canAdmin ? (
        <p>
          <Link to={`/calls/${call.slug}/edit`}>{t("edit")}</Link>
        </p>
      ) : null}
      {call.description.paragraphs.length ? (
        <section aria-labelledby="call-about">
          <h2 id="call-about">{t("description")}</h2>
          <div lang={other(call.description.lang)}>
            {call.description.paragraphs.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        </section>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("objectives")}</dt>
          <dd>
            <ul>
              {call.objectives.map((n) => (
                <li key={n}>
                  <Link to={`/objectives/${n}`}>
                    {n}. {t(objectiveKey(n), { ns: "taxonomy" })}
                  </Link>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        {call.regions.length ? (
          <div>
            <dt>{t("regions")}</dt>
            <dd>
              <ul>
                {call.regions.map((r) => (
                  <li key={r}>
                    <Link to={`/regions/${regionSlug(r)}`}>{t(regionKey(r), { ns: "taxonomy" })}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {call.contact.name || call.contact.email ? (
          <div>
            <dt>{t("contact")}</dt>
            <dd>
              {call.contact.name}
              {call.contact.email ? (
                <>
                  {call.contact.name ? " · " : ""}
                  <a href={`mailto:${call.contact.email}`}>{call.contact.email}</a>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="call-answers">
        <h2 id="call-answers">{t("answers")}</h2>
        <p>{t("answersCount", { count: answers.total })}</p>
        {answers.items.length ? (
          <ul className="call-answers">
            {answers.items.map((p) => (
              <li key={p.id} lang={other(p.language)}>
                <Link to={`/practices/${p.slug}`}>{p.title}</Link>
                {p.summary ? <p>{p.summary}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("noAnswers")}</p>
        )}
        <Pagination page={page} perPage={perPage} total={answers.total} />
        <p className="feed-link">
          <a href={feed.href} type="application/atom+xml">
            {feed.title}
          </a>
        </p>
      </section>
    </div>
  );
}
