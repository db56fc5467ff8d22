// A practice's files, for its owner: the list (public or awaiting review), the cover choice,
// removal, and the upload form — a plain multipart form that works without JavaScript; with it,
// the upload shows its progress (app/components/attachment-upload.tsx).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AttachmentUpload, type UploadResult } from "~/components/attachment-upload";
import { CsrfField } from "~/components/csrf-field";
import { SuccessNotice } from "~/components/success-notice";
import { field, fileField, parseUploadForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import {
  addAttachment,
  attachmentRows,
  consumeRateLimit,
  findOwnPractice,
  ownerEditTargetOf,
  removeAttachment,
  setCover,
  workingContent,
  type UploadError,
} from "~/models.server";
import { MAX_ALT_LENGTH, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../models/attachment-rules";

export const meta = titleMeta;

const UPLOADS_PER_HOUR = 60;

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requirePermission(request, "practice:submit");
  const i18n = i18nFor(request, ["practices", "common"]);
  const p = await findOwnPractice(idParam(request, params), user._id);
  if (!p) throw new Response(i18n.t("errors.notFound", { ns: "common" }), { status: 404 });
  return { user, p, ...i18n };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { p, t, locale } = await load(request, params);
  const files = attachmentRows(p, locale);
  const title = workingContent(p).title;
  return json({
    title: t("attachments.title", { title }),
    practiceTitle: title,
    id: String(p._id),
    slug: p.slug,
    published: p.status === "published",
    editable: !!ownerEditTargetOf(p),
    files,
    max: MAX_ATTACHMENTS,
    maxMb: MAX_ATTACHMENT_BYTES / (1024 * 1024),
    maxAlt: MAX_ALT_LENGTH,
  });
}

const uploadErrorKey: Record<UploadError, string> = {
  missing: "attachments.errors.missing",
  "too-large": "attachments.errors.tooLarge",
  type: "attachments.errors.type",
  extension: "attachments.errors.extension",
  limit: "attachments.errors.limit",
  "alt-required": "attachments.errors.altRequired",
  "alt-too-long": "attachments.errors.altTooLong",
  unreadable: "attachments.errors.unreadable",
  "not-editable": "attachments.errors.notEditable",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, p, t } = await load(request, params);
  const base = `/practices/${String(p._id)}/attachments`;
  // The scripted upload reads field errors from a 200 (app/components/attachment-upload.tsx).
  const scripted = request.headers.get("X-Hub-Upload") === "script";
  const fail = (key: string, status: number, values = { alt: "", cover: false }) =>
    json<UploadResult>({ errors: { [key.includes("alt") ? "alt" : "file"]: t(key, { max: MAX_ATTACHMENTS, mb: MAX_ATTACHMENT_BYTES / (1024 * 1024), maxAlt: MAX_ALT_LENGTH }) }, values }, { status: scripted ? 200 : status });
  // The server discarded a body over its upload limit: nothing to read, nothing stored.
  if (context.uploadTooLarge) return fail(uploadErrorKey["too-large"], 413);
  const form = await parseUploadForm(request, context, MAX_ATTACHMENT_BYTES + 1024 * 1024);
  const intent = field(form, "intent");
  if (!ownerEditTargetOf(p)) return fail(uploadErrorKey["not-editable"], 409);
  if (intent === "remove") {
    await removeAttachment(p, field(form, "fileId"), user._id);
    return redirect(`${base}?removed=1`);
  }
  if (intent === "cover") {
    const id = field(form, "fileId");
    await setCover(p, id === "none" ? null : id);
    return redirect(`${base}?cover=1`);
  }
  const values = { alt: field(form, "alt").slice(0, MAX_ALT_LENGTH * 2), cover: field(form, "cover") === "1" };
  const file = fileField(form, "file");
  if (!file || !file.size) return fail(uploadErrorKey.missing, 400, values);
  const limit = await consumeRateLimit(`upload:${String(user._id)}`, UPLOADS_PER_HOUR, 60 * 60 * 1000);
  if (!limit.ok) {
    return json<UploadResult>(
      { errors: { file: t("attachments.errors.rateLimited", { count: Math.max(1, Math.ceil(limit.retryAfterMs / 60_000)) }) }, values },
      { status: scripted ? 200 : 429, headers: { "Retry-After": String(Math.ceil(limit.retryAfterMs / 1000)) } },
    );
  }
  const r = await addAttachment(p, { upload: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, alt: values.alt, cover: values.cover, userId: user._id });
  if (!r.ok) return fail(uploadErrorKey[r.error], r.error === "limit" ? 409 : 400, values);
  return redirect(`${base}?added=1`);
}

export default function PracticeAttachments() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<UploadResult>();
  const [fromScript, setFromScript] = useState<UploadResult | null>(null);
  const result = fromScript ?? posted ?? null;
  const [params] = useSearchParams();
  const { t } = useTranslation(["practices", "common"]);
  const notice = params.get("added") ? t("attachments.added") : params.get("removed") ? t("attachments.removed") : params.get("cover") ? t("attachments.coverSaved") : null;
  const images = d.files.filter((f) => f.image);
  return (
    <div className="container">
      <p>
        <Link to={`/practices/${d.id}/edit`}>{t("attachments.back", { title: d.practiceTitle })}</Link>
      </p>
      <h1>{d.title}</h1>
      <SuccessNotice message={notice} />
      <p className="hint">{t(d.published ? "attachments.introPublished" : "attachments.intro")}</p>
      <section aria-labelledby="files-title">
        <h2 id="files-title">{t("attachments.listTitle", { count: d.files.length, max: d.max })}</h2>
        {d.files.length ? (
          <ul className="attachment-list">
            {d.files.map((f) => (
              <li key={f.id} className="attachment-row">
                {f.thumb ? <img src={f.thumb} alt={f.alt} width={96} height={f.width && f.height ? Math.round((96 * f.height) / f.width) : 64} loading="lazy" /> : null}
                <span className="attachment-info">
                  <a href={f.href} download={f.name}>
                    {f.name}
                  </a>{" "}
                  <span className="hint">
                    {t(`attachments.kind.${f.kind}`)} · {f.size}
                    {f.cover ? ` · ${t("attachments.isCover")}` : ""}
                    {f.awaiting ? ` · ${t("attachments.awaiting")}` : ""}
                  </span>
                </span>
                {d.editable ? (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="fileId" value={f.id} />
                    <button type="submit" className="button-secondary" aria-label={t("attachments.removeNamed", { name: f.name })}>
                      {t("attachments.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("attachments.none")}</p>
        )}
      </section>
      {d.editable && images.length ? (
        <Form method="post" className="stack">
          <CsrfField />
          <input type="hidden" name="intent" value="cover" />
          <fieldset>
            <legend>{t("attachments.coverLegend")}</legend>
            {images.map((f) => (
              <label key={f.id} className="check">
                <input type="radio" name="fileId" value={f.id} defaultChecked={f.cover} /> {f.name}
              </label>
            ))}
            <label className="check">
              <input type="radio" name="fileId" value="none" defaultChecked={!images.some((f) => f.cover)} /> {t("attachments.noCover")}
            </label>
          </fieldset>
          <button type="submit">{t("attachments.saveCover")}</button>
        </Form>
      ) : null}
      {d.editable ? (
        d.files.length < d.max ? (
          <AttachmentUpload result={result} onResult={setFromScript} maxMb={d.maxMb} maxAlt={d.maxAlt} />
        ) : (
          <p className="notice">{t("attachments.full", { max: d.max })}</p>
        )
      ) : (
        <p className="notice">{t("attachments.locked")}</p>
      )}
    </div>
  );
}
