// Versions of one practice in several languages (issue 13): a member translates a published
// practice, moderators review it, and readers see one practice: one search result, in their
// language when that version exists, with the other versions linked from its page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { db, fullForm, submittedPractice, unique } from "./practice-fixtures";
import { api, eventually, waitForIndex } from "./search-helpers";
import { Practice } from "../../models/practice.server";

let member: Client;
let member2: Client;
let moderator: Client;
const tag = unique();
let originalId = "";
let originalSlug = "";

const publish = async (id: string) => expect((await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" })).status).toBe(302);

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  member2 = await new Client().login(demo.member2);
  moderator = await new Client().login(demo.moderator);
  originalId = await submittedPractice(member, `Harvest workers welcome desks ${tag}`);
  await publish(originalId);
  originalSlug = (await Practice.findById(originalId).lean())!.slug;
}, 60_000);
afterAll(async () => {
  await mongoose.disconnect();
});

describe("translations of a practice", () => {
  let frId = "";
  let frSlug = "";

  it("the form to translate copies the original's facts, leaves its texts to write and picks a missing language", async () => {
    const html = await (await member2.get(`/practices/new?translation=${originalId}&lng=fr`)).text();
    expect(html).toContain(`name="translationOf" value="${originalId}"`);
    expect(html).toContain(`Harvest workers welcome desks ${tag}`); // named in the notice
    expect(html).not.toMatch(/id="f-title"[^>]*value="Harvest/);
    expect(html).toMatch(/<option value="fr" selected="">/);
  });

  it("a member submits a French translation; it is reviewed, then listed on both pages", async () => {
    const title = `Guichets d'accueil des travailleurs agricoles ${tag}`;
    const res = await member2.post("/practices/new", { ...fullForm(title, { language: "fr", summary: "Des guichets pour les saisonniers." }), translationOf: originalId, intent: "submit" });
    expect(res.status).toBe(302);
    const stored = await Practice.findOne({ title }).lean();
    expect(String(stored!.translationOf)).toBe(originalId);
    expect(stored!.status).toBe("submitted");
    frId = String(stored!._id);
    frSlug = stored!.slug;
    // Not public before review: the original's page does not list it.
    expect(await (await member.get(`/practices/${originalSlug}`)).text()).not.toMatch(/<p class="practice-versions"[^>]*>Also available in/);
    await publish(frId);
    const page = await (await new Client().get(`/practices/${originalSlug}`)).text();
    expect(page).toMatch(/<p class="practice-versions"[^>]*>Also available in:/);
    expect(page).toMatch(new RegExp(`<a [^>]*href="/practices/${stored!.slug}"[^>]*hreflang="fr"|<a [^>]*hreflang="fr"[^>]*href="/practices/${stored!.slug}"`, "i"));
    const fr = await (await new Client().get(`/practices/${stored!.slug}?lng=fr`)).text();
    expect(fr).toMatch(/<p class="practice-versions"[^>]*>Également disponible en :/);
    expect(fr).toContain(`href="/practices/${originalSlug}"`);
  });

  it("refuses a second version in a language the practice has, with the message, keeping the input", async () => {
    const title = `Deuxième version ${tag}`;
    const res = await member.post("/practices/new", { ...fullForm(title, { language: "fr" }), translationOf: originalId, intent: "submit" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("This practice already has a version in this language");
    expect(html).toContain(title);
    const en = await member.post("/practices/new", { ...fullForm(title, { language: "en" }), translationOf: originalId, intent: "save" });
    expect(en.status).toBe(400);
    const unknown = await member.post("/practices/new", { ...fullForm(title, { language: "es" }), translationOf: new mongoose.Types.ObjectId().toHexString(), intent: "save" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("it is not published");
    expect(await Practice.countDocuments({ title })).toBe(0);
  });

  it("search lists the practice once, in the reader's language when that version exists", async () => {
    await waitForIndex();
    const hitsFor = async (q: string, lng: string) =>
      ((await api(`q=${encodeURIComponent(q)}&lng=${lng}&perPage=50`)).body.hits as { id: string; title: string; url: string }[]).filter((h) => h.id === originalId || h.id === frId);
    const fr = await eventually(async () => {
      const h = await hitsFor(`agricoles ${tag}`, "fr");
      return h.length ? h : null;
    }, 20_000, "the French version in the index");
    expect(fr).toHaveLength(1);
    expect(fr[0].id).toBe(originalId);
    expect(fr[0].title).toBe(`Guichets d'accueil des travailleurs agricoles ${tag}`);
    const en = await hitsFor(`agricoles ${tag}`, "en");
    expect(en).toHaveLength(1);
    expect(en[0].title).toBe(`Harvest workers welcome desks ${tag}`);
    expect(en[0].url).toBe(`/practices/${originalSlug}`);
    // A third version, in Spanish: still one result, now in Spanish for a Spanish reader.
    const esTitle = `Ventanillas para trabajadores agrícolas ${tag}`;
    expect((await member.post("/practices/new", { ...fullForm(esTitle, { language: "es", summary: "Ventanillas para temporeros." }), translationOf: frId, intent: "submit" })).status).toBe(302);
    const es = await Practice.findOne({ title: esTitle }).lean();
    expect(String(es!.translationOf)).toBe(originalId); // a translation's link translates its original
    await publish(String(es!._id));
    const three = await eventually(async () => {
      const h = ((await api(`q=${encodeURIComponent(tag)}&lng=es&perPage=50`)).body.hits as { id: string; title: string }[]).filter((x) => [originalId, frId, String(es!._id)].includes(x.id));
      return h.length === 1 && h[0].title === esTitle ? h : null;
    }, 20_000, "the Spanish version in the practice's document");
    expect(three[0].id).toBe(originalId);
    const original = await (await new Client().get(`/practices/${originalSlug}`)).text();
    const versions = /<p class="practice-versions"[\s\S]*?<\/p>/.exec(original)?.[0] ?? "";
    expect(versions).toMatch(new RegExp(`<a hrefLang="es" lang="es"[^>]* href="/practices/${es!.slug}"`));
    expect(versions).toContain(`href="/practices/${frSlug}"`);
    // /practices in French lists the practice once, by its French version.
    const list = await (await new Client().get("/practices?lng=fr&perPage=50")).text();
    expect(list).toContain(`href="/practices/${frSlug}"`);
    expect(list).not.toContain(`href="/practices/${originalSlug}"`);
    // The search page in French links the French version.
    const page = await (await new Client().get(`/search?q=${encodeURIComponent(`welcome desks ${tag}`)}&lng=fr`)).text();
    expect(page).toContain(`href="/practices/${frSlug}"`);
    expect(page).not.toContain(`href="/practices/${originalSlug}"`);
  });
});
