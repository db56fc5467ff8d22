import { languageNames, type Locale } from "~/i18n/config";
import { publishedVersions } from "~/models.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeDiscussions } from "~/components/thread-practice-discussions";
import { practiceDiscussions, type PracticeDiscussion } from "~/models.server";
import { FormattedDate, numberFormat } from "~/components/formatted";
import type { MetaFunction } from "@remix-run/node";
import { seoMeta, titleMeta, type PageSeo } from "~/lib/meta";
import { practiceSeo } from "~/lib/seo.server";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { authorOf, countryName } from "~/models.server";
import { findCallById, findPublishedPractice, localized, relatedPractices, toPublicPractice } from "~/models.server";
import { RelatedPractices } from "~/components/related-practices";
import { sectionKeys } from "../../models/practice-fields";
import { Breadcrumb } from "~/components/breadcrumb";
import { objectiveKey, principleKey, regionKey, stakeholderKey } from "../../models/taxonomy";
import { slugParam } from "~/lib/params.server";
import { EvidenceBadge } from "~/components/evidence-badge";
import { isStale, sdgTargetTitle, staleAfterDays } from "../../models/practice-evidence";
import { Fragment } from "react";
import { organizationHref } from "../../models/organization-key";
import { formatBytes } from "../../models/attachment-rules";
import { ShareBlock } from "~/components/share-block";

export const meta: MetaFunction = (args) => [...titleMeta(args), ...seoMeta((args.data as { seo?: PageSeo } | undefined)?.seo)];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, ["practices", "taxonomy", "common"]);
  const slug = slugParam(request, params);
  const { practice, redirectTo } = await findPublishedPractice(slug);
  if (redirectTo) throw redirect(`/practices/${redirectTo}`, 301);
  if (!practice) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const p = toPublicPractice(practice);
  // Everything else the page shows, at once (each is independent of the others).
  const [viewer, callDoc, allVersions, discussions, related, author] = await Promise.all([
    getUser(request).catch(() => null),
    practice.callId ? findCallById(String(practice.callId)).catch(() => null) : null,
    publishedVersions(practice).catch(() => []),
    practiceDiscussions(practice._id).catch(() => [] as PracticeDiscussion[]),
    relatedPractices({ id: p.id, title: p.title, objectives: p.objectives, region: p.regions.length ? p.regions : ["global"], countries: p.countries }),
    authorOf(practice.ownerId).catch(() => null),
  ]);
  // The owner sees a note when a new revision of this practice is in progress.
  const pending = (practice as { pending?: { status?: string } | null }).pending;
  const ownerNote = viewer && String(viewer._id) === String(practice.ownerId) ? { id: String(practice._id), pendingStatus: pending?.status ?? null } : null;
  const countryNames = p.countries.map((c) => ({ code: c, name: countryName(c, locale) }));
  const seo = practiceSeo(request, p, {
    locale,
    siteName: t("site.name", { ns: "common" }),
    objectiveNames: p.objectives.map((n) => `${n}. ${t(objectiveKey(n), { ns: "taxonomy" })}`),
    regionNames: p.regions.map((r) => t(regionKey(r), { ns: "taxonomy" })),
    countryNames: countryNames.map((c) => c.name),
  });
  const stale = isStale(p.contentUpdatedAt, new Date(), staleAfterDays());
  // the call for practices it answers, named and linked (a call removed since: nothing)
  const call = callDoc ? { slug: callDoc.slug, title: localized(callDoc.title, locale) } : null;
  // its other published versions (translations, or the original), each in its own language
  const versions = allVersions.filter((v) => v.slug !== practice.slug);
  return json({
    call,
    versions,
    canTranslate: !!viewer,
    translateHref: `/practices/new?translation=${String(practice.translationOf ?? practice._id)}`,
    ownerNote,
    seo,
    stale,
    uiLang: locale,
    sdgTargets: p.sdgTargets.map((id) => ({ id, title: sdgTargetTitle(id, locale) })),
    title: p.title,
    practice: p,
    countryNames,
    discussions,
    related,
    author,
  });
}

export default function PracticePage() {
  const { seo, practice: p, call, versions, canTranslate, translateHref, countryNames, ownerNote, discussions, related, stale, sdgTargets, uiLang, author } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["practices", "taxonomy", "common"]);
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/", label: t("nav.home", { ns: "common" }) }, { to: "/practices", label: t("list.title") }]} />
      <article className="practice" lang={p.language}>
        <header>
          <h1>{p.title}</h1>
          <p className="lead">{p.summary}</p>
          {p.cover ? (
            <figure className="practice-cover">
              <img
                src={p.cover.src}
                srcSet={p.cover.width && p.cover.thumb !== p.cover.src ? `${p.cover.thumb} 640w, ${p.cover.src} ${p.cover.width}w` : undefined}
                sizes={p.cover.width ? "(max-width: 60rem) 100vw, 60rem" : undefined}
                alt={p.cover.alt}
                width={p.cover.width ?? undefined}
                height={p.cover.height ?? undefined}
                decoding="async"
              />
            </figure>
          ) : null}
          {p.publishedAt ? (
            <p className="card-meta">
              {t("detail.published")} <FormattedDate iso={p.publishedAt} /> · <Link to={`/practices/${p.slug}/history`}>{t("detail.history")}</Link>
            </p>
          ) : null}
          {versions.length || canTranslate ? (
            <p className="practice-versions" lang={uiLang}>
              {versions.length ? (
                <>
                  {t("detail.alsoIn")}{" "}
                  {versions.map((v, i) => (
                    <span key={v.slug}>
                      {i > 0 ? " · " : null}
                      <Link to={`/practices/${v.slug}`} hrefLang={v.language} lang={v.language}>
                        {languageNames[v.language as Locale] ?? v.language}
                      </Link>
                    </span>
                  ))}
                </>
              ) : null}
              {canTranslate ? (
                <>
                  {versions.length ? " · " : null}
                  <Link to={translateHref}>{t("detail.translate")}</Link>
                </>
              ) : null}
            </p>
          ) : null}
          {call ? (
            <p className="practice-call">
              {t("detail.answersCall")}{" "}
              <Link to={`/calls/${call.slug}`} lang={call.title.lang !== uiLang ? call.title.lang : undefined}>
                {call.title.text}
              </Link>
            </p>
          ) : null}
          <p className="practice-evidence">
            <EvidenceBadge level={p.evidenceLevel} />
            {p.evaluationUrl ? (
              <>
                {" "}
                <a href={p.evaluationUrl} rel="nofollow noopener noreferrer">
                  {t("evidence.evaluationLink")}
                </a>
              </>
            ) : null}
          </p>
          {stale && p.contentUpdatedAt ? (
            <p className="notice stale-notice" role="note">
              {t("detail.staleNotice", { date: new Date(p.contentUpdatedAt).toISOString().slice(0, 10) })}
              {ownerNote ? ` ${t("detail.staleOwner")}` : ""}
            </p>
          ) : null}
          {ownerNote?.pendingStatus ? (
            <p className="notice">
              {t("detail.pendingNote", { status: t(`status.${ownerNote.pendingStatus}`) })} <Link to={`/practices/${ownerNote.id}/edit`}>{t("detail.editLink")}</Link>
            </p>
          ) : ownerNote ? (
            <p>
              <Link to={`/practices/${ownerNote.id}/edit`}>{t("detail.editLink")}</Link>
            </p>
          ) : null}
        </header>
        <div className="practice-layout">
          <div className="practice-body">
            {sectionKeys.map((k) =>
              p.sections[k]?.html ? (
                <section key={k} aria-labelledby={`sec-${k}`}>
                  <h2 id={`sec-${k}`} lang={undefined}>
                    {t(`sections.${k}`)}
                  </h2>
                  <div className="rich-text" dangerouslySetInnerHTML={{ __html: p.sections[k].html }} />
                </section>
              ) : null,
            )}
            {p.outcomes.length || p.peopleReached.count !== null ? (
              <section aria-labelledby="sec-outcomes">
                <h2 id="sec-outcomes">{t("fields.outcomes")}</h2>
                {p.peopleReached.count !== null ? (
                  <p>
                    {p.peopleReached.who
                      ? t("evidence.peopleWho", { n: numberFormat(uiLang).format(p.peopleReached.count), who: p.peopleReached.who })
                      : t("evidence.people", { n: numberFormat(uiLang).format(p.peopleReached.count) })}
                  </p>
                ) : null}
                {p.outcomes.length ? (
                  // A scrollable region is reachable by keyboard (tabIndex) and named by its heading.
                  <div className="table-scroll" role="group" aria-labelledby="sec-outcomes" tabIndex={0}>
                    <table className="outcomes-table">
                      <caption className="visually-hidden">{t("evidence.outcomesCaption")}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("evidence.indicator")}</th>
                          <th scope="col">{t("evidence.baseline")}</th>
                          <th scope="col">{t("evidence.result")}</th>
                          <th scope="col">{t("evidence.year")}</th>
                          <th scope="col">{t("evidence.source")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {p.outcomes.map((o, i) => (
                          <tr key={i}>
                            <th scope="row">{o.indicator}</th>
                            <td>{o.baseline || "—"}</td>
                            <td>{o.result}</td>
                            <td>{o.year ?? "—"}</td>
                            <td>{o.source || "—"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
              </section>
            ) : null}
            {p.attachments.length ? (
              <section aria-labelledby="sec-files" className="practice-files">
                <h2 id="sec-files">{t("attachments.sectionTitle")}</h2>
                <ul className="file-list">
                  {p.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={a.url} download={a.name} type={a.contentType}>
                        {a.name}
                      </a>{" "}
                      <span className="hint" lang={uiLang}>
                        {t(`attachments.kind.${a.kind}`)} · {formatBytes(a.size, uiLang)}
                      </span>
                      {a.image && a.alt ? <span className="visually-hidden"> — {a.alt}</span> : null}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </div>
          <aside className="practice-facts" aria-labelledby="facts-title">
            <h2 id="facts-title">{t("detail.facts")}</h2>
            <dl>
              <dt>{t("fields.objectives")}</dt>
              <dd>
                <ul>
                  {p.objectives.map((n) => (
                    <li key={n}>
                      <Link to={`/objectives/${n}`}>
                        {n}. {t(objectiveKey(n), { ns: "taxonomy" })}
                      </Link>
                    </li>
                  ))}
                </ul>
              </dd>
              {sdgTargets.length ? (
                <>
                  <dt>{t("fields.sdgTargets")}</dt>
                  <dd>
                    <ul className="sdg-list">
                      {sdgTargets.map((s) => (
                        <li key={s.id}>
                          <Link to={`/search?sdg=${encodeURIComponent(s.id)}`}>
                            <strong>{s.id}</strong>
                          </Link>{" "}
                          <span lang={uiLang}>{s.title}</span>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              <dt>{t("fields.principles")}</dt>
              <dd>
                <ul>
                  {p.principles.map((id) => (
                    <li key={id}>{t(principleKey(id), { ns: "taxonomy" })}</li>
                  ))}
                </ul>
              </dd>
              <dt>{t("fields.regions")}</dt>
              <dd>{p.regions.map((r) => t(regionKey(r), { ns: "taxonomy" })).join(", ")}</dd>
              {countryNames.length ? (
                <>
                  <dt>{t("fields.countries")}</dt>
                  <dd>{countryNames.map((c) => c.name).join(", ")}</dd>
                </>
              ) : null}
              <dt>{t("fields.scope")}</dt>
              <dd>{t(`scope.${p.scope}`)}</dd>
              <dt>{t("fields.organizations")}</dt>
              <dd>{p.organizations.map((o, i) => <Fragment key={o}>{i ? ", " : ""}<Link to={organizationHref(o)}>{o}</Link></Fragment>)}</dd>
              {author ? (
                <>
                  <dt>{t("fields.sharedBy", { ns: "organizations" })}</dt>
                  <dd><Link to={`/users/${author.id}`}>{author.displayName}</Link></dd>
                </>
              ) : null}
              {p.partners.length ? (
                <>
                  <dt>{t("fields.partners")}</dt>
                  <dd>{p.partners.join(", ")}</dd>
                </>
              ) : null}
              <dt>{t("fields.stakeholderTypes")}</dt>
              <dd>{p.stakeholderTypes.map((s) => t(stakeholderKey(s), { ns: "taxonomy" })).join(", ")}</dd>
              <dt>{t("fields.status")}</dt>
              <dd>
                {t(`implementationStatus.${p.implementationStatus}`)}
                {p.startDate ? (
                  <>
                    {" · "}
                    <FormattedDate iso={p.startDate} />
                    {p.endDate ? (
                      <>
                        {" – "}
                        <FormattedDate iso={p.endDate} />
                      </>
                    ) : null}
                  </>
                ) : null}
              </dd>
              <dt>{t("fields.budgetRange")}</dt>
              <dd>{t(`budget.${p.budgetRange}`)}</dd>
              {p.fundingSource ? (
                <>
                  <dt>{t("fields.fundingSource")}</dt>
                  <dd>{p.fundingSource}</dd>
                </>
              ) : null}
              {p.contact.name ? (
                <>
                  <dt>{t("fields.contact")}</dt>
                  <dd>
                    {p.contact.name}
                    {p.contact.email ? (
                      <>
                        {" · "}
                        <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
                      </>
                    ) : null}
                    {p.contact.relay ? (
                      <>
                        {" · "}
                        <Link to={`/practices/${p.slug}/contact`}>{t("contact.link")}</Link>
                      </>
                    ) : null}
                  </dd>
                </>
              ) : null}
            </dl>
            {p.links.length ? (
              <>
                <h3>{t("fields.links")}</h3>
                <ul>
                  {p.links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} rel="nofollow noopener noreferrer">
                        {l.title || l.url}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <ShareBlock url={seo.canonical} title={p.title} lang={uiLang} />
          </aside>
        </div>
      </article>
      <PracticeDiscussions discussions={discussions} />
      <RelatedPractices items={related} />
    </div>
  );
}
