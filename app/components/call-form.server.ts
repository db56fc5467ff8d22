import type { CallRawInput } from "../../models/call-rules";
import { contentLanguages } from "../../models/taxonomy";

const str = (form: FormData, name: string, max: number) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim().slice(0, max) : "";
};
const all = (form: FormData, name: string) =>
  form
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .slice(0, 50);

export function readCallForm(form: FormData): CallRawInput {
  const by = (prefix: string, max: number) =>
    Object.fromEntries(contentLanguages.map((l) => [l, str(form, `${prefix}_${l}`, max)])) as CallRawInput["title"];
  return {
    slug: str(form, "slug", 200),
    title: by("title", 400),
    description: by("description", 10_000),
    objectives: all(form, "objectives"),
    regions: all(form, "regions"),
    opensAt: str(form, "opensAt", 20),
    closesAt: str(form, "closesAt", 20),
    contactName: str(form, "contactName", 400),
    contactEmail: str(form, "contactEmail", 400),
  };
}
