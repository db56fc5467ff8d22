// Search per language (issue 13): practices in Chinese, Arabic and Russian are found in their
// own script (a two-character Chinese query; Arabic with and without diacritics); stop words of
// the six languages neither match nor drive ranking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { db, fullForm, newMemberDraft, unique } from "./practice-fixtures";
import { api, eventually, waitForIndex } from "./search-helpers";
import { indexName, meili } from "../../search/client.server";

let member: Client;
let moderator: Client;
const tag = unique();
const ids: Record<string, string> = {};

async function publish(title: string, extra: Record<string, string>) {
  const id = await newMemberDraft(member, title, extra);
  expect((await member.post(`/practices/${id}/edit`, { ...fullForm(title, extra), intent: "submit" })).status).toBe(302);
  expect((await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" })).status).toBe(302);
  return id;
}

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
  ids.zh = await publish(`移民工人健康服务 ${tag}`, { language: "zh", summary: "为季节性移民工人提供流动诊所和健康保险。" });
  ids.ar = await publish(`برنامج صحة العمال المهاجرين ${tag}`, { language: "ar", summary: "عيادات متنقلة وتأمين صحي للعمال المهاجرين الموسميين." });
  ids.ru = await publish(`Здоровье трудовых мигрантов ${tag}`, { language: "ru", summary: "Мобильные клиники и медицинское страхование для сезонных трудовых мигрантов." });
  await waitForIndex();
}, 120_000);

afterAll(async () => {
  await mongoose.disconnect();
});

const found = async (q: string) => ((await api(`q=${encodeURIComponent(q)}&perPage=50`)).body.hits as { id: string; language: string }[]).map((h) => h.id);

describe("search in every UN language", () => {
  it("a two-character Chinese query finds the Chinese practice", async () => {
    await eventually(async () => (await found("移民")).includes(ids.zh), 20_000, "the Chinese practice in the index");
    expect(await found("健康")).toContain(ids.zh);
    expect(await found("诊所")).toContain(ids.zh);
  });

  it("Arabic is found with and without diacritics", async () => {
    expect(await found("المهاجرين")).toContain(ids.ar);
    expect(await found("المُهَاجِرِين")).toContain(ids.ar);
    expect(await found("صِحَّة")).toContain(ids.ar);
  });

  it("Russian is found by its words, and the result keeps its language", async () => {
    const r = await api(`q=${encodeURIComponent("мигрантов")}&perPage=50`);
    const hit = (r.body.hits as { id: string; title: string; snippet: string }[]).find((h) => h.id === ids.ru);
    expect(hit?.title).toBe(`Здоровье трудовых мигрантов ${tag}`);
    expect(hit?.snippet).toContain("<mark>мигрантов</mark>");
    expect(r.body.facets.language.ru).toBeGreaterThan(0);
  });

  it("stop words of the six languages neither match nor change the order", async () => {
    const settings = await meili().index(indexName("practices")).getStopWords();
    for (const w of ["de", "des", "la", "the", "of", "и", "的"]) expect(settings).toContain(w);
    const plain = await found("migrant health");
    expect(plain.length).toBeGreaterThan(0);
    // The same practices, and the same best ones, with or without stop words around the words
    // (stop words shift word positions a little, so near-ties further down may swap).
    const same = (a: string[], b: string[]) => {
      expect([...b].sort()).toEqual([...a].sort());
      expect(b[0]).toBe(a[0]);
    };
    same(plain, await found("the migrant of health"));
    same(await found("santé migrants"), await found("santé des migrants"));
    same(await found("trata personas"), await found("trata de las personas"));
  });
});

describe("search across languages (the thesaurus)", () => {
  const titles = async (q: string, extra = "") => ((await api(`q=${encodeURIComponent(q)}&perPage=50${extra}`)).body.hits as { title: string; url: string }[]).map((h) => h.title);
  const frHealth = "Garantir l'accès aux soins de santé des migrants en transit le long du corridor Éthiopie–Djibouti";
  const enHealth = "A national migrant health policy built on health insurance, community volunteers and cross-border referral";
  const esHealth = "Acceso universal a la salud para personas migrantes: mediadores interculturales en hospitales públicos";

  it("a French query on migrant health also finds the English and Spanish practices, the French one first", async () => {
    const got = await titles("santé des migrants");
    expect(got).toContain(frHealth);
    expect(got).toContain(enHealth);
    expect(got).toContain(esHealth);
    expect(got.indexOf(frHealth)).toBeLessThan(got.indexOf(enHealth));
    // Facets count what is listed: the language facet has the English and Spanish matches too.
    const facets = (await api(`q=${encodeURIComponent("santé des migrants")}`)).body.facets.language as Record<string, number>;
    expect(facets.en).toBeGreaterThan(0);
    expect(facets.es).toBeGreaterThan(0);
  });

  it("a French query for seasonal workers finds the English seasonal-worker practice", async () => {
    expect(await titles("travailleurs saisonniers")).toContain("Pacific labour mobility: pre-departure, worker welfare and reintegration support for seasonal workers");
  });

  it("the search page says when a result is in another language than the page", async () => {
    const res = await new Client().get(`/search?q=${encodeURIComponent("santé des migrants")}&lng=fr`);
    const html = (await res.text()).replace(/<!-- -->/g, "");
    expect(html).toMatch(/<span class="hit-language"> \(en anglais\)<\/span>/);
    expect(html).toMatch(/<span class="hit-language"> \(en espagnol\)<\/span>/);
  });

  it("thesaurus terms are only ever query text: a query shaped like a filter is searched as words", async () => {
    const r = await api(`q=${encodeURIComponent('remesas" OR language = "fr')}`);
    expect(r.status).toBe(200);
  });
});

