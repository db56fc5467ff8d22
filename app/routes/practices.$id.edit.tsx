import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeForm } from "~/components/practice-form";
import { PracticeAuditLog } from "~/components/practice-form-audit";
import { SuccessNotice } from "~/components/success-notice";
import { FormattedDate } from "~/components/formatted";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { handlePracticePost } from "~/lib/practice-form.server";
import { i18nFor } from "~/lib/request.server";
import {
  attachmentsOf,
  findOwnPractice,
  latestModeratorComment,
  ownerEditTargetOf,
  pendingStatusOf,
  practiceAuditTrail,
  reviewStatusOf,
  similarPublished,
  valuesOf,
  workingContent,
} from "~/models.server";
import type { PracticeFormValues } from "../../models/practice-form";
import type { RelatedPractice } from "~/models.server";
import { openCallOptions, withCurrentCall, type CallInfo } from "~/models.server";
import { idParam } from "~/lib/params.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:submit");
  const { t, locale } = i18nFor(request, ["practices", "common"]);
  const id = idParam(request, params);
  // The audit trail is read alongside (it needs only the id) and dropped if the practice is not
  // the member's.
  const auditTrail = practiceAuditTrail(id);
  auditTrail.catch(() => {});
  const openCalls = openCallOptions();
  openCalls.catch(() => {});
  const p = await findOwnPractice(id, user._id);
  // Someone else's practice: not found, whatever it is.
  if (!p) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const content = workingContent(p);
  const [audit, similar, calls] = await Promise.all([
    auditTrail,
    // Without JavaScript, the similar published practices show after a save.
    content.title && content.objectives.length ? similarPublished({ title: content.title, objectives: content.objectives, excludeId: String(p._id) }) : Promise.resolve([] as RelatedPractice[]),
    withCurrentCall(openCalls, p.callId ? String(p.callId) : null),
  ]);
  const status = reviewStatusOf(p);
  const decision = status === "changes-requested" || status === "rejected" ? latestModeratorComment(audit) : null;
  return json({
    title: t("form.editTitle", { title: content.title }),
    id: String(p._id),
    slug: p.slug,
    status: p.status,
    pendingStatus: pendingStatusOf(p),
    reviewStatus: reviewStatusOf(p),
    target: ownerEditTargetOf(p),
    values: { ...valuesOf(content), callId: p.callId ? String(p.callId) : "" },
    files: attachmentsOf(p).length,
    calls,
    audit,
    similar,
    review: decision ? { comment: decision.comment, actor: decision.actor, at: decision.at, rejected: status === "rejected" } : null,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requirePermission(request, "practice:submit");
  const { t } = i18nFor(request, "common");
  const p = await findOwnPractice(idParam(request, params), user._id);
  if (!p) throw new Response(t("errors.notFound"), { status: 404 });
  return handlePracticePost(form, user._id, p, { verified: !!user.emailVerifiedAt });
}

export default function EditPractice() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: Record<string, string>; values?: PracticeFormValues; call?: CallInfo | null }>();
  const [params] = useSearchParams();
  const { t } = useTranslation("practices");
  return (
    <div className="container">
      <h1>{t("form.editTitle", { title: d.values.title })}</h1>
      <p>
        {t("mine.status")}: <strong>{t(`status.${d.status}`)}</strong>
        {d.pendingStatus ? (
          <>
            {" · "}
            {t("mine.revision")}: <strong>{t(`status.${d.pendingStatus}`)}</strong>
          </>
        ) : null}
        {d.status === "published" ? (
          <>
            {" · "}
            <Link to={`/practices/${d.slug}`}>{t("mine.viewPublished")}</Link>
          </>
        ) : null}
      </p>
      <p>
        <Link to={`/practices/${d.id}/attachments`}>{t("attachments.filesLink", { count: d.files })}</Link>
      </p>
      <SuccessNotice message={params.get("saved") && t("form.saved")} />
      {params.get("unverified") ? (
        <div className="error-summary" role="alert">
          <p>
            {t("form.errors.unverified")} <Link to="/me#email">{t("form.errors.unverifiedLink")}</Link>
          </p>
        </div>
      ) : null}
      {d.review ? (
        <section className="notice review-notice" id="review-comment" aria-labelledby="review-comment-title">
          <h2 id="review-comment-title">{t(d.review.rejected ? "form.reviewComment.rejectedTitle" : "form.reviewComment.title")}</h2>
          <blockquote className="review-comment">
            <p>{d.review.comment}</p>
          </blockquote>
          <p className="hint">
            {d.review.actor ? `${d.review.actor} · ` : ""}
            <FormattedDate iso={d.review.at} withTime />
          </p>
          {d.review.rejected ? null : <p>{t("form.changesRequestedNote")}</p>}
        </section>
      ) : d.reviewStatus === "changes-requested" ? (
        <p className="notice">{t("form.changesRequestedNote")}</p>
      ) : null}
      {d.target === "pending" ? <p className="notice">{t("form.revisionNote")}</p> : null}
      {d.target ? (
        <PracticeForm values={data?.values ?? d.values} errors={data?.errors ?? {}} practiceId={d.id} similar={d.similar} calls={d.calls} errorCall={data?.call ?? null} />
      ) : (
        <p className="notice">{t(`form.locked.${d.reviewStatus}`, { defaultValue: t("form.locked.other") })}</p>
      )}
      <PracticeAuditLog entries={d.audit} />
    </div>
  );
}
