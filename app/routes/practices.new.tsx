import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeForm } from "~/components/practice-form";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { handlePracticePost } from "~/lib/practice-form.server";
import { i18nFor } from "~/lib/request.server";
import { callOptions, findCallBySlug, parseQuery, type CallInfo } from "~/models.server";
import { emptyPracticeValues, type PracticeFormValues } from "../../models/practice-form";
import { contentLanguages, isContentLanguage, regionKey } from "../../models/taxonomy";
import { contentOf, valuesOf } from "../../models/practice-content";
import { takenLanguages, translatableOriginal } from "~/models.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "practice:submit");
  const { t, locale } = i18nFor(request, ["practices", "taxonomy"]);
  // A gap on /insights links here with its objective and region (or principle, stakeholder
  // type): those pre-fill the form; the submitter still confirms every choice.
  const { filters } = parseQuery(new URL(request.url).searchParams, { keys: ["objective", "principle", "stakeholderType", "region"], extra: ["call"] });
  const values = emptyPracticeValues(isContentLanguage(locale) ? locale : "en");
  values.objectives = filters.objective.map(String);
  values.principles = filters.principle;
  values.stakeholderTypes = filters.stakeholderType;
  // ?call=<slug> (the "Answer this call" link): preselects the call and pre-fills its objectives;
  // its regions are a hint (regions come from the countries chosen).
  const callSlug = new URL(request.url).searchParams.get("call") ?? "";
  const call = callSlug ? await findCallBySlug(callSlug) : null;
  if (call) {
    values.callId = String(call._id);
    values.objectives = [...new Set([...values.objectives, ...(call.objectives ?? []).map(String)])];
  }
  // ?translation=<id> (the practice page's "Translate this practice"): the original's structure
  // and facts are copied, its texts left to write, in a language it does not have yet.
  const translationId = new URL(request.url).searchParams.get("translation") ?? "";
  const original = translationId ? await translatableOriginal(translationId) : null;
  let translating: string | null = null;
  if (original) {
    const taken = await takenLanguages(original);
    const content = valuesOf(contentOf(original as unknown as Parameters<typeof contentOf>[0]));
    Object.assign(values, content, { title: "", summary: "", sections: emptyPracticeValues().sections, callId: "", translationOf: String(original._id) });
    values.language = [isContentLanguage(locale) ? locale : "en", ...contentLanguages].find((l) => !taken.includes(l)) ?? values.language;
    translating = original.title;
  }
  return json({
    title: t("form.newTitle"),
    translating,
    values,
    regionHint: filters.region.map((r) => t(regionKey(r), { ns: "taxonomy" })),
    callRegions: (call?.regions ?? []).map((r) => t(regionKey(r), { ns: "taxonomy" })),
    calls: await callOptions(call ? String(call._id) : null),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, context);
  const user = await requirePermission(request, "practice:submit");
  return handlePracticePost(form, user._id, null, { verified: !!user.emailVerifiedAt });
}

export default function NewPractice() {
  const { values, regionHint, callRegions, calls, translating } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: Record<string, string>; values?: PracticeFormValues; call?: CallInfo | null }>();
  const { t } = useTranslation(["practices", "calls"]);
  return (
    <div className="container">
      <h1>{t("form.newTitle")}</h1>
      <p className="lead">{t("form.newLead")}</p>
      <p className="hint">{t("attachments.filesLinkHint")}</p>
      {translating ? <p className="notice">{t("form.translating", { title: translating })}</p> : null}
      {regionHint.length ? <p className="notice">{t("form.regionHint", { regions: regionHint.join(", ") })}</p> : null}
      {callRegions.length ? <p className="notice">{t("practice.regionsHint", { ns: "calls", regions: callRegions.join(", ") })}</p> : null}
      <PracticeForm values={data?.values ?? values} errors={data?.errors ?? {}} calls={calls} errorCall={data?.call ?? null} />
    </div>
  );
}
