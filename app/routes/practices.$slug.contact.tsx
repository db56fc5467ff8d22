// The relay form: a signed-in member writes to the people behind a practice without seeing
// their address (models/practice-contact.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "~/components/csrf-field";
import { IdempotencyField } from "~/components/form-safety";
import { Honeypot } from "~/components/honeypot";
import { honeypotFilled, parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { publicOrigin } from "~/lib/open-data.server";
import { slugParam } from "~/lib/params.server";
import { i18nFor } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";
import { validateForm } from "~/lib/validation.server";
import { CONTACT_MESSAGE_MAX, CONTACT_MESSAGE_MIN, findPublishedPractice, idempotencyKeyOf, newIdempotencyKey, relayContactMessage, relaysContact } from "~/models.server";

export const meta = titleMeta;

const schema = z.object({
  message: z.string().trim().min(CONTACT_MESSAGE_MIN, "contact.errors.tooShort").max(CONTACT_MESSAGE_MAX, "contact.errors.tooLong"),
});

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const { t } = i18nFor(request, ["practices", "common"]);
  const slug = slugParam(request, params);
  const { practice, redirectTo } = await findPublishedPractice(slug);
  if (redirectTo) throw redirect(`/practices/${redirectTo}/contact`, 301);
  if (!practice || !relaysContact(practice)) throw new Response(t("errors.notFound", { ns: "common" }), { status: 404 });
  const user = await requireUser(request);
  return { practice, user, t };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { practice, user, t } = await load(request, params);
  const sent = new URL(request.url).searchParams.get("sent") === "1";
  return json({
    title: t("contact.title", { title: practice.title }),
    practice: { slug: practice.slug, title: practice.title, contactName: practice.contact?.name ?? "" },
    verified: !!user.emailVerifiedAt,
    sent,
    key: newIdempotencyKey(),
    min: CONTACT_MESSAGE_MIN,
    max: CONTACT_MESSAGE_MAX,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const { practice, user, t } = await load(request, params);
  const v = validateForm(form, schema, CONTACT_MESSAGE_MAX + 100);
  if (honeypotFilled(form)) return redirect(`/practices/${practice.slug}/contact?sent=1`);
  if (!v.ok) return json({ errors: v.errors, values: v.values, formError: null as string | null }, { status: 400 });
  if (!user.emailVerifiedAt) return json({ errors: {} as Record<string, string>, values: v.values, formError: t("contact.errors.unverified") }, { status: 403 });
  const key = idempotencyKeyOf(form) ?? newIdempotencyKey();
  const r = await relayContactMessage(practice, user, v.data.message, key, `${publicOrigin(request)}/practices/${practice.slug}`);
  if (!r.ok && r.error === "rateLimited") {
    return json({ errors: {} as Record<string, string>, values: v.values, formError: t("contact.errors.rateLimited", { count: r.minutes }) }, { status: 429, headers: { "Retry-After": String(r.minutes * 60) } });
  }
  return redirect(`/practices/${practice.slug}/contact?sent=1`);
}

export default function ContactPractice() {
  const { practice, verified, sent, key, min, max } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("practices");
  const error = data?.errors?.message;
  return (
    <div className="container narrow">
      <h1>{t("contact.title", { title: practice.title })}</h1>
      {sent ? (
        <div className="notice" role="status">
          <p>{t("contact.sent")}</p>
        </div>
      ) : null}
      {data?.formError ? (
        <div className="error-summary" role="alert">
          <p>{data.formError}</p>
        </div>
      ) : null}
      <p>{t("contact.lead", { name: practice.contactName || t("contact.theContact") })}</p>
      {verified ? null : <p className="notice">{t("contact.errors.unverified")}</p>}
      <Form method="post" className="stack" noValidate>
        <CsrfField />
        <Honeypot />
        <IdempotencyField value={key} />
        <div className="field">
          <label htmlFor="message">{t("contact.message")}</label>
          <p className="hint" id="message-hint">
            {t("contact.hint", { min, max })}
          </p>
          {error ? (
            <p className="field-error" id="message-error">
              {t(error)}
            </p>
          ) : null}
          <textarea
            id="message"
            name="message"
            rows={8}
            required
            minLength={min}
            maxLength={max}
            defaultValue={(data?.values as Record<string, string> | undefined)?.message ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "message-hint message-error" : "message-hint"}
          />
        </div>
        <button type="submit">{t("contact.submit")}</button>
      </Form>
      <p>
        <Link to={`/practices/${practice.slug}`}>{t("contact.back")}</Link>
      </p>
    </div>
  );
}
