// One-click unsubscribe from a notification email (RFC 8058): the signed link names the member
// and the categories, so it works without logging in. Opening it asks for confirmation (mail
// scanners open links); the button, or the mail client's own unsubscribe, posts to it.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { verifyUnsubscribe } from "~/mail/unsubscribe.server";
import { unsubscribeMail } from "~/models.server";

export const meta = titleMeta;
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "account");
  const params = new URL(request.url).searchParams;
  const link = verifyUnsubscribe(params);
  return json(
    { title: t("unsubscribe.title"), valid: !!link, categories: link?.categories ?? [], query: link ? params.toString() : "" },
    { status: link ? 200 : 400 },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const link = verifyUnsubscribe(new URL(request.url).searchParams);
  if (!link) return json({ done: false }, { status: 400 });
  const ok = await unsubscribeMail(link.userId, link.categories);
  return json({ done: ok }, { status: ok ? 200 : 404 });
}

export default function Unsubscribe() {
  const { valid, categories, query } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(["account"]);
  const names = categories.map((c) => t(`mail.categories.${c}`)).join(", ");
  return (
    <div className="container narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {!valid ? (
        <div className="error-summary" role="alert">
          <p>{t("unsubscribe.invalid")}</p>
        </div>
      ) : data?.done ? (
        <div className="notice" role="status">
          <p>{t("unsubscribe.done", { categories: names })}</p>
        </div>
      ) : (
        <Form method="post" action={`/unsubscribe?${query}`} className="stack">
          <p>{t("unsubscribe.confirm", { categories: names })}</p>
          <button type="submit">{t("unsubscribe.submit")}</button>
        </Form>
      )}
      <p>
        <Link to="/me#email">{t("unsubscribe.settings")}</Link>
      </p>
    </div>
  );
}
