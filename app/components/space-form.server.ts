import type { SpaceRawInput } from "../../models/space.server";
import { contentLanguages } from "../../models/taxonomy";

const str = (form: FormData, name: string, max: number) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim().slice(0, max) : "";
};

export function readSpaceForm(form: FormData): SpaceRawInput {
  return {
    title: str(form, "title", 400),
    slug: str(form, "slug", 200),
    description: str(form, "description", 4000),
    audience: str(form, "audience", 1000),
    languages: form.getAll("languages").filter((v): v is string => typeof v === "string").slice(0, 10),
    opensAt: str(form, "opensAt", 20),
    closesAt: str(form, "closesAt", 20),
    moderators: str(form, "moderators", 4000),
    holdFirstPosts: form.get("holdFirstPosts") === "1",
    titles: Object.fromEntries(contentLanguages.map((l) => [l, str(form, `title_${l}`, 400)])),
    descriptions: Object.fromEntries(contentLanguages.map((l) => [l, str(form, `description_${l}`, 4000)])),
  };
}
