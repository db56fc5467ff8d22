import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SpaceForm, type SpaceFormValues } from "~/components/space-form";
import { readSpaceForm } from "~/components/space-form.server";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { findSpace, spaceFormValues, updateSpace, validateSpaceInput } from "~/models.server";
import { slugParam } from "~/lib/params.server";

export const meta = titleMeta;

async function load(request: Request, slug: string) {
  const user = await requirePermission(request, "admin:spaces");
  const { t } = i18nFor(request, "threads");
  const space = await findSpace(slug);
  if (!space) throw new Response(t("errors.notFound"), { status: 404 });
  return { user, space, t };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space, t } = await load(request, slugParam(request, params));
  return json({ title: t("space.editTitle"), slug: space.slug, spaceTitle: space.title, values: await spaceFormValues(space) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const { user, space } = await load(request, slugParam(request, params));
  const raw = readSpaceForm(form);
  const { errors, value } = await validateSpaceInput(raw, String(space._id));
  if (Object.keys(errors).length) return json({ errors, values: raw as SpaceFormValues }, { status: 400 });
  if (!(await updateSpace(String(space._id), value, String(user._id)))) {
    return json({ errors: { slug: "space.errors.slugTaken" } as Record<string, string>, values: raw as SpaceFormValues }, { status: 409 });
  }
  return redirect(`/spaces/${value.slug}?notice=saved`);
}

export default function EditSpace() {
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("threads");
  return (
    <div className="container narrow">
      <h1>{t("space.editTitle")}</h1>
      <p>
        <Link to={`/spaces/${loaded.slug}`}>{loaded.spaceTitle}</Link>
      </p>
      <SpaceForm values={data?.values ?? loaded.values} errors={data?.errors ?? {}} submitLabel={t("edit.save")} />
    </div>
  );
}
