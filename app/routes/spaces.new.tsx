import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SpaceForm, type SpaceFormValues } from "~/components/space-form";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { createSpace, validateSpaceInput } from "~/models.server";
import { readSpaceForm } from "~/components/space-form.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:spaces");
  const { t } = i18nFor(request, "threads");
  return json({ title: t("space.newTitle") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requirePermission(request, "admin:spaces");
  const raw = readSpaceForm(form);
  const { errors, value } = await validateSpaceInput(raw);
  if (Object.keys(errors).length) return json({ errors, values: raw as SpaceFormValues }, { status: 400 });
  const space = await createSpace(value, String(user._id));
  return redirect(`/spaces/${space.slug}?notice=saved`);
}

export default function NewSpace() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation("threads");
  const values: SpaceFormValues = data?.values ?? { title: "", slug: "", description: "", audience: "", languages: ["en"], opensAt: "", closesAt: "", moderators: "", holdFirstPosts: false };
  return (
    <div className="container narrow">
      <h1>{t("space.newTitle")}</h1>
      <SpaceForm values={values} errors={data?.errors ?? {}} submitLabel={t("space.create")} />
    </div>
  );
}
