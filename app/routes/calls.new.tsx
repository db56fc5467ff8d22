import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CallForm } from "~/components/call-form";
import { readCallForm } from "~/components/call-form.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { createCall, emptyCallInput, validateCallInput, type CallRawInput } from "~/models.server";
import { isObjective, isRegion } from "../../models/taxonomy";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:calls");
  const { t } = i18nFor(request, "calls");
  // A gap on /insights links here with its objective and region: they pre-fill the form.
  const q = new URL(request.url).searchParams;
  const values = emptyCallInput();
  values.objectives = q.getAll("objective").filter((o) => /^\d{1,2}$/.test(o) && isObjective(Number(o))).slice(0, 30);
  values.regions = q.getAll("region").filter((r) => isRegion(r)).slice(0, 10);
  return json({ title: t("newTitle"), values });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requirePermission(request, "admin:calls");
  const raw = readCallForm(form);
  const { errors, value } = await validateCallInput(raw);
  if (Object.keys(errors).length) return json({ errors, values: raw }, { status: 400 });
  const call = await createCall(value, String(user._id));
  if (!call) return json({ errors: { slug: "errors.slugTaken" } as Record<string, string>, values: raw }, { status: 400 });
  return redirect(`/calls/${call.slug}?notice=saved`);
}

export default function NewCall() {
  const { values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors: Record<string, string>; values: CallRawInput } | undefined;
  const { t } = useTranslation("calls");
  return (
    <div className="container narrow">
      <h1>{t("newTitle")}</h1>
      <CallForm values={data?.values ?? values} errors={data?.errors ?? {}} submitLabel={t("create")} />
    </div>
  );
}
