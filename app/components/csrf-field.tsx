import { useRouteLoaderData } from "@remix-run/react";

/** Hidden CSRF token: every POST form renders one. */
export function CsrfField() {
  const data = useRouteLoaderData("root") as { csrfToken?: string } | undefined;
  return <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />;
}
