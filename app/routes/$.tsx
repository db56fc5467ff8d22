// Anything no other route matches is a translated 404. The server also sends here what it refuses
// before routing (scripts/serve.ts): a method the hub does not serve (405) or a malformed path
// (404), so those get the same translated page without running any other loader or action.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nFor } from "~/lib/request.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = i18nFor(request);
  if (context.rejected === 405) throw new Response(t("errors.methodNotAllowed"), { status: 405 });
  throw new Response(t("errors.notFound"), { status: 404 });
}
export async function action(args: LoaderFunctionArgs) {
  return loader(args);
}
export default function NotFound() {
  return null;
}
