// The link in a verification email: confirms the address once (a used, expired or altered link
// gets a translated message and changes nothing).
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { verifyEmail } from "~/models.server";

export const meta = titleMeta;
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "account");
  const result = await verifyEmail(params.token ?? "");
  const user = await getUser(request);
  return json(
    { title: t("verify.title"), problem: result.ok ? null : result.problem, signedIn: !!user },
    { status: result.ok ? 200 : result.problem === "invalid" ? 404 : 410, headers: { "Cache-Control": "no-store" } },
  );
}

export default function VerifyEmail() {
  const { problem, signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation("account");
  return (
    <div className="container narrow">
      <h1>{t("verify.title")}</h1>
      {problem ? (
        <div className="error-summary" role="alert">
          <p>{t(`verify.problem.${problem}`)}</p>
        </div>
      ) : (
        <div className="notice" role="status">
          <p>{t("verify.done")}</p>
        </div>
      )}
      <p>{signedIn ? <Link to="/me#email">{t("verify.account")}</Link> : <Link to="/login">{t("login.title")}</Link>}</p>
    </div>
  );
}
