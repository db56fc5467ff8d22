// Related practices (practice page), similar published practices (form + /practices/similar),
// possible duplicates (moderation review), against the real hub, FerretDB and Meilisearch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { htmlErrors } from "../helpers/browser";
import { db, fullForm, newMemberDraft, unique } from "./practice-fixtures";
import { canInjectFaults, startMeili, stopMeili, waitForIndex } from "./search-helpers";
import { Practice } from "../../models/practice.server";

let member: Client;
let moderator: Client;
const u = unique();
const titleA = `Mobile remittance kiosks for herders ${u}`;
const titleB = `Herders cooperative remittance kiosks ${u} network`;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let draftId: string;
let submittedId: string;

async function submit(title: string, extra: Record<string, string | string[]> = {}) {
  const id = await newMemberDraft(member, title, extra);
  const sub = await member.post(`/practices/${id}/edit`, { ...fullForm(title, extra), intent: "submit" });
  if (sub.status !== 302) throw new Error(`not submitted: ${sub.status}`);
  return id;
}

async function publish(title: string, extra: Record<string, string | string[]> = {}) {
  const id = await submit(title, extra);
  const res = await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" });
  if (res.status !== 302) throw new Error(`not published: ${res.status}`);
  const p = await Practice.findById(id).lean();
  expect(p!.status).toBe("published");
  return { id, slug: p!.slug };
}

const section = (html: string, labelledBy: string) => {
  const m = new RegExp(`<section aria-labelledby="${labelledBy}"[\\s\\S]*?</section>`).exec(html);
  // Without React's text-boundary comments (`(<!-- -->reason<!-- -->)`).
  return m ? m[0].replace(/<!-- -->/g, "") : "";
};

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
  // A (Fiji, Samoa: Oceania) and B (Tonga: Oceania), both on objectives 13 and 21, which the
  // other suites' fixtures (objectives 5 and 18, Ghana and Senegal) never use, so that the top
  // five are not crowded out by them when the suites run together.
  const shared = { objectives: ["13", "21"] };
  a = await publish(titleA, { ...shared, countries: ["FJ", "WS"] });
  b = await publish(titleB, { ...shared, countries: ["TO"] });
  // Not published: a draft and a submission with almost A's title.
  draftId = await newMemberDraft(member, `${titleA} draft`, shared);
  submittedId = await submit(`${titleA}`, shared);
  await waitForIndex();
}, 180_000);

afterAll(async () => {
  await mongoose.disconnect();
});

describe("related practices on the practice page", () => {
  it("lists a practice sharing objective and region, with the reason; never itself nor unpublished ones", async () => {
    const res = await new Client().get(`/practices/${a.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const rel = section(html, "related-practices");
    expect(rel).toContain("Related practices");
    expect(rel).toMatch(new RegExp(`href="/practices/${b.slug}"[^>]*>${titleB}</a> <span class="card-meta">\\(Same objective and region\\)`));
    expect(rel).not.toContain(`href="/practices/${a.slug}"`);
    const [draft, submitted] = await Promise.all([Practice.findById(draftId).lean(), Practice.findById(submittedId).lean()]);
    expect(draft!.status).toBe("draft");
    expect(submitted!.status).toBe("submitted");
    expect(rel).not.toContain(`${titleA} draft`);
    expect(rel).not.toContain(`href="/practices/${draft!.slug}"`);
    expect(rel).not.toContain(`href="/practices/${submitted!.slug}"`);
    expect((rel.match(/<li>/g) ?? []).length).toBeLessThanOrEqual(5);
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("is translated", async () => {
    const html = await (await new Client().get(`/practices/${a.slug}?lng=fr`)).text();
    const rel = section(html, "related-practices");
    expect(rel).toContain("Pratiques apparentées");
    expect(rel).toContain("Même objectif et même région");
  });
});

describe("GET /practices/similar", () => {
  it("refuses bad parameters with 400 (never 500)", async () => {
    const bad = [
      "",
      "title=ab&objective=5",
      `title=${"x".repeat(201)}&objective=5`,
      "title=Remittances",
      "title=Remittances&objective=abc",
      "title=Remittances&objective=99",
      "title=Remittances&objective=0",
      "title=Remittances&objective=5.5",
      "title=Remittances&objective=-1",
      "title=a&title=b&objective=5",
      "title=Remittances&objective=5&id=1%22%20OR%20id%20!%3D%20%22x",
      "title=Remittances&objective=5&filter=status%20%3D%20draft",
      `title=Remittances&${Array.from({ length: 30 }, () => "objective=5").join("&")}`,
      `title=Remittances&objective=5&x=${"y".repeat(3000)}`,
    ];
    for (const qs of bad) {
      const r = await new Client().get(`/practices/similar?${qs}`);
      expect(r.status, qs.slice(0, 80)).toBe(400);
      const body = (await r.json()) as { error?: { message?: string } };
      expect(body.error?.message).toBeTruthy();
    }
  });

  it("answers good parameters with published practices like the title, excluding the given id", async () => {
    const qs = new URLSearchParams({ title: titleA });
    qs.append("objective", "13");
    const r = await new Client().get(`/practices/similar?${qs}`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { items: { slug: string; reason: string }[] };
    const slugs = body.items.map((i) => i.slug);
    expect(slugs).toContain(a.slug);
    expect(body.items.length).toBeLessThanOrEqual(5);

    qs.set("id", a.id);
    const excl = (await (await new Client().get(`/practices/similar?${qs}`)).json()) as { items: { slug: string }[] };
    expect(excl.items.map((i) => i.slug)).not.toContain(a.slug);
    expect(excl.items.map((i) => i.slug)).toContain(b.slug);
  });

  it("treats filter syntax in the title as words (200, no error)", async () => {
    const qs = new URLSearchParams({ title: `kiosks ${u}" OR status = "draft` });
    qs.append("objective", "21");
    const r = await new Client().get(`/practices/similar?${qs}`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { items: { slug: string }[] };
    expect(body.items.map((i) => i.slug)).toContain(a.slug);
  });

  it("shows on the edit page after a save, without JavaScript", async () => {
    const res = await member.get(`/practices/${draftId}/edit`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const m = /<div class="similar-practices" aria-live="polite" id="similar-practices">([\s\S]*?)<\/ul>/.exec(html);
    expect(m?.[1]).toContain("Similar practices already published");
    expect(m?.[1]).toContain(`href="/practices/${a.slug}"`);
    expect(await htmlErrors(html)).toEqual([]);
  });
});

describe("possible duplicates on the moderation review page", () => {
  it("lists the published practice with a near-identical title, with a link", async () => {
    const res = await moderator.get(`/moderation/practices/${submittedId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const dup = section(html, "duplicates-title");
    expect(dup).toContain("Possible duplicates");
    expect(dup).toMatch(new RegExp(`href="/practices/${a.slug}"[^>]*>${titleA}</a> <span class="card-meta">\\(title 100% alike\\)`));
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("lists a published practice of the same organization on a shared objective, whatever its title", async () => {
    const org = `Cooperative of ${unique()} herders`;
    const published = await publish(`Qwertzu ${unique()} fodder banks`, { objectives: ["13"], organizations: org });
    const other = await publish(`Qwertzu ${unique()} fodder banks elsewhere`, { objectives: ["2"], organizations: org });
    await waitForIndex();
    const id = await submit(`Ploughing ${unique()} manuals`, { objectives: ["13", "21"], organizations: org });
    const dup = section(await (await moderator.get(`/moderation/practices/${id}`)).text(), "duplicates-title");
    expect(dup).toContain(`href="/practices/${published.slug}"`);
    expect(dup).toContain("same organization and objective");
    expect(dup).not.toContain(`href="/practices/${other.slug}"`); // no shared objective
  });

  it("says so when there is none", async () => {
    const id = await submit(`Zyxquor ${unique()} plinth`, { organizations: `Lone organization ${unique()}` });
    const html = await (await moderator.get(`/moderation/practices/${id}`)).text();
    expect(section(html, "duplicates-title")).toContain("No published practice looks like a duplicate");
  });
});

describe("with Meilisearch down", () => {
  it.skipIf(!canInjectFaults())("the pages still answer: no related list, an empty similar list, duplicates by organization", async () => {
    await stopMeili();
    try {
      const page = await new Client().get(`/practices/${a.slug}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(titleA);
      expect(section(html, "related-practices")).toBe("");
      const qs = new URLSearchParams({ title: titleA, objective: "13" });
      const r = await new Client().get(`/practices/similar?${qs}`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ items: [] });
      const mod = await moderator.get(`/moderation/practices/${submittedId}`);
      expect(mod.status).toBe(200);
      // The same organization on a shared objective comes from MongoDB.
      expect(section(await mod.text(), "duplicates-title")).toContain(`href="/practices/${a.slug}"`);
    } finally {
      await startMeili();
    }
    await waitForIndex(60_000);
  }, 120_000);
});
