// Practice slugs: the shared rule (models/slug.ts), "practice" when nothing transliterates, and
// never a static route under /practices/.
import { slugify as slugifyText } from "./slug";

export function slugify(title: string, max = 80): string {
  const slug = slugifyText(title, { max, fallback: "practice" });
  // Static routes under /practices/ would shadow a practice with these slugs.
  return reservedSlugs.has(slug) ? `${slug}-practice` : slug;
}
const reservedSlugs = new Set(["new", "similar"]);
