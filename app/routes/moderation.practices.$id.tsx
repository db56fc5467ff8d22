import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { PracticeAuditLog } from "~/components/practice-form-audit";
import { PracticeDiff } from "~/components/practice-form-diff";
import { field, parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor, practiceLabelsFor } from "~/lib/request.server";
import {
  applyTransition,
  askForEvaluation,
  countryName,
  findPracticeById,
  lastReview,
  latestRevisionContent,
  pendingStatusOf,
  possibleDuplicates,
  practiceAuditTrail,
  reviewStatusOf,
  User,
  workingContent,
  findCallById,
  localized,
} from "~/models.server";
import { practiceFacts } from "../../models/practice-content";
import { diffPractices } from "../../models/practice-diff";
import { practiceSectionKeys } from "../../models/practice-form";
import { availableActions, isPracticeAction, type PracticeAction, type PracticeStatus } from "../../models/practice-workflow";
import { Breadcrumb } from "~/components/breadcrumb";
import { SuccessNotice } from "~/components/success-notice";
import { objectiveKey, principleKey, regionKey, stakeholderKey } from "../../models/taxonomy";
import { idParam } from "~/lib/params.server";
import { practiceLabels } from "../../models/practice-labels";
import { FormattedDate } from "~/components/formatted";
import { PossibleDuplicates } from "~/components/related-practices";
import { EvidenceBadge } from "~/components/evidence-badge";
import { evidenceKey } from "../../models/practice-evidence";
import { attachmentRows } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "review:practice");
  const { t, locale } = i18nFor(request, ["moderation", "common"]);
  const p = await findPracticeById(idParam(request, params));
  // Drafts are private to their owner, moderators included.
  if (!p || reviewStatusOf(p) === "draft") throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const c = workingContent(p);
  const hasPending = p.status === "published" && pendingStatusOf(p) !== null;
  // everything else the page shows depends only on the practice: one round of reads
  const [previous, last, owner, duplicates, call, audit] = await Promise.all([
    p.revision ? latestRevisionContent(p._id) : null,
    lastReview(p._id),
    User.findById(p.ownerId).select("displayName").lean(),
    possibleDuplicates({ id: String(p._id), title: c.title, objectives: c.objectives, organizations: c.organizations }),
    p.callId ? findCallById(String(p.callId)) : null,
    practiceAuditTrail(p._id),
  ]);
  const labels = practiceLabelsFor(request);
  // A publication starts afresh: the published version is then the last reviewed one.
  const sinceLast = last && last.action !== "publish" ? { action: last.action, comment: last.comment, reviewer: last.reviewer, at: last.at, diff: diffPractices(last.content, c, labels) } : null;
  const status = reviewStatusOf(p);
  const actions: PracticeAction[] = [...availableActions(status, "moderator"), ...(hasPending ? availableActions(p.status as PracticeStatus, "moderator") : [])];
  return json({
    title: t("review.title", { title: c.title }),
    id: String(p._id),
    slug: p.slug,
    status,
    practiceStatus: p.status,
    hasPending,
    owner: owner?.displayName ?? "",
    call: call ? { slug: call.slug, ...localized(call.title, locale) } : null,
    actions: [...new Set(actions)],
    content: {
      title: c.title,
      summary: c.summary,
      language: c.language,
      sections: Object.fromEntries(practiceSectionKeys.map((k) => [k, c.sections[k].html])) as Record<string, string>,
      organizations: c.organizations,
      partners: c.partners,
      countries: c.countries.map((code) => countryName(code, locale)),
      regions: c.regions,
      ...practiceFacts(c),
      objectives: c.objectives,
      contact: c.contact,
      links: c.links,
      sdgTargets: c.sdgTargets.map((id) => labels.sdgTarget(id)),
      evidenceLevel: c.evidenceLevel,
      evaluationUrl: c.evaluationUrl,
      outcomes: c.outcomes,
      peopleReached: c.peopleReached,
    },
    files: attachmentRows(p, locale),
    duplicates,
    canAskEvaluation: status !== "rejected",
    hasPrevious: Boolean(previous),
    diff: diffPractices(previous, c, labels),
    sinceLast,
    audit,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requirePermission(request, "review:practice");
  const { t } = i18nFor(request, ["moderation", "practices", "common"]);
  const act = field(form, "action");
  const comment = field(form, "comment").slice(0, 4000);
  if (act === "ask-evaluation") {
    const p = await findPracticeById(idParam(request, params));
    if (!p) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
    const level = workingContent(p).evidenceLevel;
    const text = comment.trim() || t("review.askEvaluationComment", { level: t(evidenceKey(level), { ns: "practices" }) });
    const r = await askForEvaluation(String(p._id), user._id, text);
    if (!r.ok) {
      if (r.error === "not-found") throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
      return json({ error: "review.errors.refused", comment, action: act }, { status: 409 });
    }
    return redirect(`/moderation/practices/${params.id}?done=ask-evaluation`);
  }
  if (!isPracticeAction(act)) return json({ error: "review.errors.unknownAction", comment }, { status: 400 });
  const r = await applyTransition(idParam(request, params), act, { id: user._id, as: "moderator" }, comment);
  if (!r.ok) {
    if (r.error === "not-found") throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
    if (r.error === "comment-required") return json({ error: "review.errors.commentRequired", comment, action: act }, { status: 400 });
    return json({ error: "review.errors.refused", comment, action: act }, { status: 409 });
  }
  return redirect(`/moderation/practices/${params.id}?done=${act}`);
}

export default function ReviewPractice() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<{ error?: string; comment?: string; action?: string }>();
  const [params] = useSearchParams();
  const { t } = useTranslation(["moderation", "practices", "taxonomy", "common", "calls"]);
  const c = d.content;
  const label = practiceLabels(t);
  const done = params.get("done");
  return (
    <div className="container">
      <Breadcrumb items={[{ to: "/moderation", label: t("queue.title") }]} />
      <h1>{t("review.title", { title: c.title })}</h1>
      {d.call ? (
        <p className="call-answer">
          {t("moderation.answers", { ns: "calls" })}: <Link to={`/calls/${d.call.slug}`} lang={d.call.lang}>{d.call.text}</Link>
        </p>
      ) : null}
      <p>
        {t("review.status")}: <strong>{t(`status.${d.status}`, { ns: "practices" })}</strong>
        {d.hasPending ? ` · ${t("review.pendingRevision")}` : ""} · {t("review.submitter")}: {d.owner}
        {d.practiceStatus === "published" ? (
          <>
            {" · "}
            <Link to={`/practices/${d.slug}`}>{t("review.viewPublic")}</Link>
          </>
        ) : null}
      </p>
      <SuccessNotice message={done && t(`review.done.${done}`, { defaultValue: t("review.done.other") })} />
      {data?.error ? (
        <div className="error-summary" role="alert">
          {t(data.error)}
        </div>
      ) : null}

      <section aria-labelledby="decision-title" className="review-decision">
        <h2 id="decision-title">{t("review.decision")}</h2>
        {d.actions.length === 0 ? (
          <p>{t("review.noActions")}</p>
        ) : (
          <Form method="post" className="stack">
            <CsrfField />
            <label htmlFor="r-comment">{t("review.comment")}</label>
            <p className="hint" id="r-comment-hint">
              {t("review.commentHint")}
            </p>
            <textarea
              id="r-comment"
              name="comment"
              rows={4}
              maxLength={4000}
              defaultValue={data?.comment ?? ""}
              aria-describedby="r-comment-hint"
              aria-invalid={data?.error === "review.errors.commentRequired" ? true : undefined}
            />
            <div className="form-actions">
              {d.actions.map((a) => (
                <button key={a} type="submit" name="action" value={a} className={a === "reject" ? "danger" : a === "publish" ? undefined : "secondary"}>
                  {t(`review.actions.${a}`)}
                </button>
              ))}
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="evidence-title" className="review-evidence">
        <h2 id="evidence-title">{t("review.evidenceTitle")}</h2>
        <p>
          <EvidenceBadge level={c.evidenceLevel} />{" "}
          {c.evaluationUrl ? (
            <a href={c.evaluationUrl} rel="nofollow noopener noreferrer">
              {t("evidence.evaluationLink", { ns: "practices" })}
            </a>
          ) : null}
        </p>
        <p className="hint">{t(`evidence.definition.${c.evidenceLevel}`, { ns: "practices" })}</p>
        {d.canAskEvaluation ? (
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="action" value="ask-evaluation" />
            <p className="hint" id="ask-evaluation-hint">
              {t("review.askEvaluationHint")}
            </p>
            <button type="submit" className="secondary" aria-describedby="ask-evaluation-hint">
              {t("review.askEvaluation")}
            </button>
          </Form>
        ) : null}
      </section>

      {d.sinceLast ? (
        <section aria-labelledby="since-last-title">
          <h2 id="since-last-title">{t("review.sinceLastTitle")}</h2>
          <p className="hint">
            {t("review.sinceLastHint", { reviewer: d.sinceLast.reviewer, decision: t(`review.decided.${d.sinceLast.action}`, { defaultValue: d.sinceLast.action }) })}{" "}
            <FormattedDate iso={d.sinceLast.at} withTime />
          </p>
          {d.sinceLast.comment ? (
            <blockquote className="review-comment">
              <p>{d.sinceLast.comment}</p>
            </blockquote>
          ) : null}
          <PracticeDiff diffs={d.sinceLast.diff} beforeLabel={t("review.lastSubmission")} afterLabel={t("review.after")} />
        </section>
      ) : null}

      <PossibleDuplicates items={d.duplicates} />

      <section aria-labelledby="diff-title">
        <h2 id="diff-title">{t("review.diffTitle")}</h2>
        {!d.hasPrevious ? <p className="hint">{t("review.firstVersion")}</p> : null}
        <PracticeDiff diffs={d.diff} beforeLabel={t("review.before")} afterLabel={t("review.after")} />
      </section>

      <section aria-labelledby="submission-title" className="practice" lang={c.language}>
        <h2 id="submission-title">{t("review.submission")}</h2>
        <h3>{c.title}</h3>
        <p className="lead">{c.summary}</p>
        {practiceSectionKeys.map((k) =>
          c.sections[k] ? (
            <section key={k} aria-labelledby={`rs-${k}`}>
              <h4 id={`rs-${k}`}>{t(`sections.${k}`, { ns: "practices" })}</h4>
              <div className="rich-text" dangerouslySetInnerHTML={{ __html: c.sections[k] }} />
            </section>
          ) : null,
        )}
        {d.files.length ? (
          <section aria-labelledby="rs-files" lang={undefined}>
            <h4 id="rs-files">{t("attachments.sectionTitle", { ns: "practices" })}</h4>
            <ul className="file-list">
              {d.files.map((f) => (
                <li key={f.id}>
                  <a href={f.href} download={f.name}>
                    {f.name}
                  </a>{" "}
                  <span className="hint">
                    {t(`attachments.kind.${f.kind}`, { ns: "practices" })} · {f.size}
                    {f.awaiting ? ` · ${t("attachments.awaiting", { ns: "practices" })}` : ""}
                  </span>
                  {f.alt ? <span className="hint"> — {f.alt}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <dl className="review-facts">
          <dt>{t("fields.organizations", { ns: "practices" })}</dt>
          <dd>{c.organizations.join(", ") || "—"}</dd>
          <dt>{t("fields.partners", { ns: "practices" })}</dt>
          <dd>{c.partners.join(", ") || "—"}</dd>
          <dt>{t("fields.countries", { ns: "practices" })}</dt>
          <dd>{c.countries.join(", ") || "—"}</dd>
          <dt>{t("fields.regions", { ns: "practices" })}</dt>
          <dd>{c.regions.map(label.region).join(", ")}</dd>
          <dt>{t("fields.scope", { ns: "practices" })}</dt>
          <dd>{label.scope(c.scope)}</dd>
          <dt>{t("fields.objectives", { ns: "practices" })}</dt>
          <dd>{c.objectives.map(label.objective).join("; ") || "—"}</dd>
          <dt>{t("fields.principles", { ns: "practices" })}</dt>
          <dd>{c.principles.map(label.principle).join("; ") || "—"}</dd>
          <dt>{t("fields.stakeholderTypes", { ns: "practices" })}</dt>
          <dd>{c.stakeholderTypes.map(label.stakeholderType).join(", ") || "—"}</dd>
          <dt>{t("fields.status", { ns: "practices" })}</dt>
          <dd>
            {label.implementationStatus(c.implementationStatus)} {c.startDate} {c.endDate ? `– ${c.endDate}` : ""}
          </dd>
          <dt>{t("fields.budgetRange", { ns: "practices" })}</dt>
          <dd>{label.budgetRange(c.budgetRange)}</dd>
          <dt>{t("fields.fundingSource", { ns: "practices" })}</dt>
          <dd>{c.fundingSource || "—"}</dd>
          <dt>{t("fields.sdgTargets", { ns: "practices" })}</dt>
          <dd>
            {c.sdgTargets.length ? (
              <ul>
                {c.sdgTargets.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            ) : (
              "—"
            )}
          </dd>
          <dt>{t("fields.outcomes", { ns: "practices" })}</dt>
          <dd>
            {c.outcomes.length ? (
              <ul>
                {c.outcomes.map((o, i) => (
                  <li key={i}>
                    {o.indicator}:{" "}
                    {o.baseline ? (
                      <>
                        <bdi>{o.baseline}</bdi> <span className="dir-arrow">→</span>{" "}
                      </>
                    ) : null}
                    {o.result}
                    {o.year ? ` (${o.year})` : ""}
                    {o.source ? ` — ${o.source}` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              "—"
            )}
          </dd>
          <dt>{t("fields.peopleReached", { ns: "practices" })}</dt>
          <dd>{c.peopleReached.count !== null ? [c.peopleReached.count, c.peopleReached.who].filter((x) => x !== "").join(" — ") : "—"}</dd>
          <dt>{t("fields.contact", { ns: "practices" })}</dt>
          <dd>{[c.contact.name, c.contact.email].filter(Boolean).join(" · ") || "—"}</dd>
          <dt>{t("fields.links", { ns: "practices" })}</dt>
          <dd>
            {c.links.length ? (
              <ul>
                {c.links.map((l, i) => (
                  <li key={i}>
                    <a href={l.url} rel="nofollow noopener noreferrer">
                      {l.title || l.url}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              "—"
            )}
          </dd>
        </dl>
      </section>
      <PracticeAuditLog entries={d.audit} />
    </div>
  );
}
