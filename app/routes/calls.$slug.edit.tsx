import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CallForm } from "~/components/call-form";
import { readCallForm } from "~/components/call-form.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { slugParam } from "~/lib/params.server";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { callFormValues, findCallBySlug, localized, updateCall, validateCallInput, type CallRawInput } from "~/models.server";

export const meta = titleMeta;

async function load(request: Request, slug: string) {
  const call = await findCallBySlug(slug);
  if (!call) {
    const { t } = i18nFor(request, "common");
    throw new Response(t("errors.notFound"), { status: 404 });
  }
  return call;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:calls");
  const { t, locale } = i18nFor(request, "calls");
  const call = await load(request, slugParam(request, params));
  const title = localized(call.title, locale).text;
  return json({ title: t("editTitle", { title }), heading: title, values: callFormValues(call) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requirePermission(request, "admin:calls");
  const call = await load(request, slugParam(request, params));
  const raw = readCallForm(form);
  const { errors, value } = await validateCallInput(raw, String(call._id));
  if (Object.keys(errors).length) return json({ errors, values: raw }, { status: 400 });
  if (!(await updateCall(call._id, value, String(user._id)))) return json({ errors: { slug: "errors.slugTaken" } as Record<string, string>, values: raw }, { status: 400 });
  return redirect(`/calls/${value.slug}?notice=saved`);
}

export default function EditCall() {
  const { values, heading } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors: Record<string, string>; values: CallRawInput } | undefined;
  const { t } = useTranslation("calls");
  return (
    <div className="container narrow">
      <h1>{t("editTitle", { title: heading })}</h1>
      <CallForm values={data?.values ?? values} errors={data?.errors ?? {}} submitLabel={t("save")} />
    </div>
  );
}
