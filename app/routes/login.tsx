import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { field, parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { createSession, getUser } from "~/lib/session.server";
import { connectDb } from "~/models.server";
import { DUMMY_HASH, verifyPassword } from "~/models.server";
import { User } from "~/models.server";

export const meta = titleMeta;

function safeRedirect(to: string | null): string {
  return to && to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/\\") ? to : "/";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "account");
  if (await getUser(request)) throw redirect("/");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  return json({ title: t("login.title"), redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const email = field(form, "email").toLowerCase().slice(0, 254);
  const password = (form.get("password") ?? "").toString().slice(0, 1000);
  const redirectTo = safeRedirect(field(form, "redirectTo"));
  if (!email || !password) {
    return json({ error: "login.missing", email }, { status: 400 });
  }
  await connectDb();
  const user = await User.findOne({ email }).select("+passwordHash").lean();
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) {
    return json({ error: "login.invalid", email }, { status: 400 });
  }
  const cookie = await createSession(request, String(user._id));
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("account");
  return (
    <div className="container narrow">
      <h1>{t("login.title")}</h1>
      {data?.error ? (
        <div className="error-summary" role="alert" id="login-error">
          {t(data.error)}
        </div>
      ) : null}
      <Form method="post" className="stack" aria-describedby={data?.error ? "login-error" : undefined}>
        <CsrfField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <label htmlFor="email">{t("fields.email")}</label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} defaultValue={data?.email ?? ""} />
        <label htmlFor="password">{t("fields.password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={1000} />
        <button type="submit">{t("login.submit")}</button>
      </Form>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("login.register")}</Link>
      </p>
    </div>
  );
}
