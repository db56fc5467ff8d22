import { Form, Link } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { RichTextField } from "~/editor/rich-text-field";
import { FormattedDate } from "./formatted";
import { CsrfField } from "./csrf-field";
import { IdempotencyField, useUnsavedChangesGuard } from "./form-safety";
import { Honeypot } from "./honeypot";

export interface QuoteView {
  id: string;
  author: string;
  text: string;
  available: boolean;
}

export function QuotedExcerpt({ quote }: { quote: QuoteView }) {
  const { t } = useTranslation("threads");
  if (!quote.available) return <p className="quoted muted">{t("reply.quoteUnavailable")}</p>;
  return (
    <figure className="quoted">
      <figcaption>{t("reply.quoteOf", { author: quote.author })}</figcaption>
      <blockquote>
        <p>{quote.text}</p>
      </blockquote>
    </figure>
  );
}

/** A small POST form with one button (moderation, delete). */
export function ActionButton({ intent, label, fields = {}, className }: { intent: string; label: string; fields?: Record<string, string>; className?: string }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={className ?? "link-button"}>
        {label}
      </button>
    </Form>
  );
}

/**
 * A destructive action behind a second step that works without JavaScript: a disclosure whose
 * summary names the action and whose content asks and offers the button that does it.
 */
export function ConfirmedActionButton({ intent, label, question, confirmLabel, fields = {} }: { intent: string; label: string; question: string; confirmLabel: string; fields?: Record<string, string> }) {
  return (
    <details className="confirm-action">
      <summary>{label}</summary>
      <p>{question}</p>
      <ActionButton intent={intent} label={confirmLabel} fields={fields} className="danger" />
    </details>
  );
}

export interface ReplyView {
  id: string;
  html: string;
  deleted: boolean;
  hidden: boolean;
  held: boolean;
  editedAt: string | null;
  author: string;
  authorId?: string;
  createdAt: string;
  quote: (QuoteView & { isThread: boolean }) | null;
  canEdit: boolean;
  canDelete: boolean;
  canReport: boolean;
  canQuote: boolean;
}

export function Reply({ r, language, canModerate, canQuote, signedIn }: { r: ReplyView; language: string; canModerate: boolean; canQuote: boolean; signedIn: boolean }) {
  const { t } = useTranslation("threads");
  return (
    <li id={`reply-${r.id}`} className={`reply${r.hidden ? " is-hidden" : ""}${r.held ? " is-held" : ""}`}>
      <article aria-label={t("reply.label", { author: r.author })}>
        <p className="card-meta">
          <strong>{r.authorId ? <Link to={`/users/${r.authorId}`}>{r.author}</Link> : r.author}</strong> · <FormattedDate iso={r.createdAt} withTime />
          {r.editedAt ? (
            <>
              {" · "}
              <span className="edited">{t("reply.edited")}</span>
            </>
          ) : null}{" "}
          · <a href={`/posts/${r.id}`}>{t("reply.permalink")}</a>
        </p>
        {r.hidden ? <p className="notice">{t("reply.hiddenNote")}</p> : null}
        {r.held ? <p className="notice">{t("reply.heldNote")}</p> : null}
        {r.deleted ? (
          <p className="muted">{t("detail.deletedByAuthor")}</p>
        ) : (
          <>
            {r.quote ? <QuotedExcerpt quote={r.quote} /> : null}
            <div className="rich-text" lang={language} dangerouslySetInnerHTML={{ __html: r.html }} />
          </>
        )}
        <ul className="post-actions">
          {canQuote && r.canQuote && signedIn ? (
            <li>
              <Link to={`?quote=${r.id}#reply-form`} preventScrollReset={false}>
                {t("reply.quote")}
                <span className="visually-hidden"> {t("reply.quoteWhom", { author: r.author })}</span>
              </Link>
            </li>
          ) : null}
          {r.canEdit ? (
            <li>
              <Link to={`/posts/${r.id}/edit`}>{t("reply.edit")}</Link>
            </li>
          ) : null}
          {r.canDelete ? (
            <li>
              <ConfirmedActionButton intent="delete-post" label={t("reply.delete")} question={t("reply.deleteQuestion")} confirmLabel={t("reply.deleteConfirm")} fields={{ postId: r.id }} />
            </li>
          ) : null}
          {r.canReport ? (
            <li>
              <Link to={`/posts/${r.id}/report`}>{t("reply.report")}</Link>
            </li>
          ) : null}
          {canModerate && r.held ? (
            <li>
              <ActionButton intent="mod-post" label={t("moderation.approve")} fields={{ postId: r.id, action: "approve" }} />
            </li>
          ) : null}
          {canModerate && !r.deleted ? (
            <li>
              <ActionButton intent="mod-post" label={r.hidden ? t("moderation.unhide") : t("moderation.hide")} fields={{ postId: r.id, action: r.hidden ? "unhide" : "hide" }} />
            </li>
          ) : null}
        </ul>
      </article>
    </li>
  );
}

/** The report form: a reason, posted to the current page. */
export function ReportForm({ excerpt, error, reason, cancelHref }: { excerpt: string; error?: string; reason: string; cancelHref: string }) {
  const { t } = useTranslation("threads");
  return (
    <>
      <figure className="quoted">
        <figcaption>{t("report.content")}</figcaption>
        <blockquote>
          <p>{excerpt}</p>
        </blockquote>
      </figure>
      <Form method="post" noValidate>
        <CsrfField />
        <div className="field">
          <label htmlFor="r-reason">
            {t("report.reason")} <span className="required">({t("form.required", { ns: "common" })})</span>
          </label>
          <p className="hint" id="r-reason-hint">
            {t("report.reasonHint")}
          </p>
          {error ? (
            <p className="field-error" id="r-reason-error">
              {error}
            </p>
          ) : null}
          <textarea
            id="r-reason"
            name="reason"
            rows={4}
            maxLength={1000}
            defaultValue={reason}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "r-reason-hint r-reason-error" : "r-reason-hint"}
          />
        </div>
        <button type="submit">{t("report.submit")}</button> <Link to={cancelHref}>{t("actions.cancel", { ns: "common" })}</Link>
      </Form>
    </>
  );
}

/** The reply form at the bottom of a thread (one idempotency key per render: one reply per render). */
export function ReplyForm({
  threadId,
  idempotencyKey,
  quote,
  formError,
  bodyError,
  values,
}: {
  threadId: string;
  idempotencyKey: string;
  quote: { id: string; author: string; text: string } | null;
  formError?: string;
  bodyError?: string;
  values?: { body?: string; bodyState?: string; quoteOf?: string };
}) {
  const { t } = useTranslation("threads");
  const formRef = useRef<HTMLFormElement>(null);
  useUnsavedChangesGuard(formRef);
  return (
    <Form method="post" action={`/threads/${threadId}`} noValidate ref={formRef}>
      <CsrfField />
      <Honeypot />
      <IdempotencyField value={idempotencyKey} />
      <input type="hidden" name="intent" value="reply" />
      {formError ? (
        <p className="error-summary" role="alert">
          {formError}
        </p>
      ) : null}
      {quote ? (
        <div className="quote-preview">
          <input type="hidden" name="quoteOf" value={quote.id} />
          <figure className="quoted">
            <figcaption>{t("reply.quoting", { author: quote.author })}</figcaption>
            <blockquote>
              <p>{quote.text}</p>
            </blockquote>
          </figure>
          <p>
            <Link to={`/threads/${threadId}#reply-form`}>{t("reply.removeQuote")}</Link>
          </p>
        </div>
      ) : values?.quoteOf ? (
        <input type="hidden" name="quoteOf" value={values.quoteOf} />
      ) : null}
      <RichTextField name="body" label={t("reply.body")} hint={t("reply.bodyHint")} required defaultText={values?.body ?? ""} defaultState={values?.bodyState} error={bodyError} rows={6} />
      <button type="submit">{t("reply.submit")}</button>
    </Form>
  );
}
