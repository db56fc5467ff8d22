import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseForm } from "~/lib/form.server";
import { destroySession } from "~/lib/session.server";

// Logging out is a POST with the CSRF token (a GET could be triggered by any page).
export async function action({ request, context }: ActionFunctionArgs) {
  await parseForm(request, context);
  const cookie = await destroySession(request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export const loader = () => redirect("/");
