import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nFor } from "~/lib/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor(request);
  throw new Response(t("errors.notFound"), { status: 404 });
}
export async function action({ request }: LoaderFunctionArgs) {
  return loader({ request } as LoaderFunctionArgs);
}
export default function NotFound() {
  return null;
}
