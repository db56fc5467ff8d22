// The six UN languages: the page language and direction, the language switcher, Accept-Language
// and the cookie, translated taxonomy and country names, plural forms and figures per locale.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Client, demo } from "../helpers/http";
import { getT } from "../../app/i18n/resources.server";
import { htmlErrors } from "../helpers/browser";

const ROOT = path.resolve(__dirname, "../..");
const catalog = (lng: string, ns: string) => JSON.parse(readFileSync(path.join(ROOT, "locales", lng, `${ns}.json`), "utf8"));
const html = async (p: string, headers: Record<string, string> = {}) => {
  const res = await new Client().get(p, headers);
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, "");
};
const htmlTag = (page: string) => /<html[^>]*>/.exec(page)?.[0] ?? "";

describe("six languages", () => {
  it("every page names its language and direction: Arabic right-to-left, the others left-to-right", async () => {
    for (const [lng, dir] of [["ar", "rtl"], ["zh", "ltr"], ["ru", "ltr"], ["fr", "ltr"]] as const) {
      const page = await html(`/?lng=${lng}`);
      expect(htmlTag(page)).toContain(`lang="${lng}"`);
      expect(htmlTag(page)).toContain(`dir="${dir}"`);
      expect(page).toContain(catalog(lng, "common").site.name);
    }
    expect(await htmlErrors(await html("/?lng=ar"))).toEqual([]);
  });

  it("the language switcher lists the six languages, each in its own name and language", async () => {
    const page = await html("/?lng=zh");
    for (const [lng, name] of [["en", "English"], ["fr", "Français"], ["es", "Español"], ["ar", "العربية"], ["zh", "中文"], ["ru", "Русский"]]) {
      expect(page).toMatch(new RegExp(`<a [^>]*lang="${lng}"[^>]*>${name}</a>`));
    }
    expect(page).toMatch(/<a [^>]*lang="zh"[^>]*aria-current="true"[^>]*>中文<\/a>/);
  });

  it("Accept-Language and the lng cookie choose among the six", async () => {
    expect(htmlTag(await html("/", { "accept-language": "ar-EG,ar;q=0.9,en;q=0.5" }))).toContain('lang="ar"');
    expect(htmlTag(await html("/", { "accept-language": "zh-CN,zh;q=0.9" }))).toContain('lang="zh"');
    expect(htmlTag(await html("/", { "accept-language": "de-DE, ru;q=0.8, en;q=0.3" }))).toContain('lang="ru"');
    expect(htmlTag(await html("/", { cookie: "lng=ru", "accept-language": "ar" }))).toContain('lang="ru"');
    // Languages the hub does not have fall back to the best match, never an error.
    expect(htmlTag(await html("/", { "accept-language": "zh-TW,zh;q=0.8" }))).toContain('lang="zh"');
    expect(htmlTag(await html("/", { "accept-language": "pt-BR,pt;q=0.9" }))).toContain('lang="en"');
    expect(htmlTag(await html("/?lng=pt"))).toContain('lang="en"');
    expect(htmlTag(await html("/?lng=pt", { "accept-language": "es" }))).toContain('lang="es"');
  });

  it("objectives, regions and countries are named in the page's language", async () => {
    const ar = catalog("ar", "taxonomy");
    const objective = await html("/objectives/1?lng=ar");
    expect(objective).toContain(ar.objective["1"].title);
    const ru = await html("/practices?lng=ru");
    expect(ru).toContain(catalog("ru", "taxonomy").region.Africa ?? "Африка");
    // Country names come from i18n-iso-countries in each language.
    expect(ru).toContain("Германия");
    expect(await html("/practices?lng=zh")).toContain("德国");
  });

  it("counts use each language's plural forms and figures in Latin digits", async () => {
    for (const lng of ["ru", "ar"] as const) {
      const page = await html(`/regions/africa?lng=${lng}`);
      const shown = /<p class="landing-stats"><strong>([^<]+)<\/strong>/.exec(page)?.[1] ?? "";
      const n = Number(/\d[\d\s,.\u00a0\u202f]*/.exec(shown)?.[0].replace(/[^\d]/g, "") ?? NaN);
      expect(n, shown).toBeGreaterThan(0);
      // Whatever the total, the phrase is the one i18next picks for that number in that language.
      expect(shown).toBe(getT(lng, ["common"])("landing.practiceCount", { count: n, formatted: new Intl.NumberFormat(lng === "ar" ? "ar-u-nu-latn" : lng).format(n) }));
      expect(shown).not.toMatch(/[\u0660-\u0669]/);
    }
    const t = getT("ru", ["common"]);
    expect(t("landing.practiceCount", { count: 1, formatted: "1" })).toBe("1 практика");
    expect(t("landing.practiceCount", { count: 3, formatted: "3" })).toBe("3 практики");
    expect(t("landing.practiceCount", { count: 25, formatted: "25" })).toBe("25 практик");
    const a = getT("ar", ["common"]);
    expect(new Set([0, 1, 2, 3, 11, 100].map((c) => a("landing.practiceCount", { count: c, formatted: String(c) }))).size).toBe(6);
  });

  it("a space's title and description show in the reader's language when given, else the default ones", async () => {
    const admin = await new Client().login(demo.admin);
    const id = Math.random().toString(36).slice(2, 8);
    const res = await admin.post("/spaces/new", {
      title: `Seasonal work exchange ${id}`,
      slug: "",
      description: "Peers on seasonal labour schemes.",
      audience: "",
      languages: ["en", "fr"],
      opensAt: "",
      closesAt: "",
      moderators: "",
      title_fr: `Échanges sur le travail saisonnier ${id}`,
      description_fr: "Entre pairs, sur les programmes de travail saisonnier.",
      title_zh: "",
    });
    expect(res.status).toBe(302);
    const slug = /\/spaces\/([a-z0-9-]+)/.exec(res.headers.get("location") ?? "")?.[1];
    expect(slug).toBeTruthy();
    const list = await html("/spaces?lng=fr");
    expect(list).toContain(`Échanges sur le travail saisonnier ${id}`);
    expect(list).not.toContain(`Seasonal work exchange ${id}`);
    const fr = await html(`/spaces/${slug}?lng=fr`);
    expect(fr).toContain(`<h1>Échanges sur le travail saisonnier ${id}</h1>`);
    expect(fr).toContain("Entre pairs, sur les programmes de travail saisonnier.");
    const es = await html(`/spaces/${slug}?lng=es`);
    expect(es).toContain(`<h1>Seasonal work exchange ${id}</h1>`);
    // the edit form keeps what was given per language
    expect(await (await admin.get(`/spaces/${slug}/edit`)).text()).toContain(`value="Échanges sur le travail saisonnier ${id}"`);
  });
});

describe("the browser's translations (decision 049)", () => {
  it("each page names one cached script per language instead of carrying the translations", async () => {
    const page = await html("/?lng=fr");
    const src = /<script src="(\/i18n\/fr\.([0-9a-f]{12})\.js)"/.exec(page);
    expect(src).not.toBeNull();
    // The page itself no longer embeds the catalogues (they were two thirds of every page).
    expect(page).not.toContain('"resources":{');
    expect(page.length).toBeLessThan(60_000);
    const res = await new Client().get(src![1]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("cache-control")).toContain("immutable");
    const body = await res.text();
    expect(body.startsWith("window.__hubI18n=")).toBe(true);
    const data = JSON.parse(body.slice("window.__hubI18n=".length).trim().replace(/;$/, "")) as { locale: string; resources: Record<string, { site?: { name?: string } }> };
    expect(data.locale).toBe("fr");
    expect(data.resources.common.site?.name).toBe(catalog("fr", "common").site.name);
    expect(Object.keys(data.resources)).toContain("practices");
    // Nothing in it can end the script early when inlined or parsed as HTML.
    expect(body).not.toContain("</");
    // Another language has another script; the same language's is the same on every page.
    expect(await html("/practices?lng=fr")).toContain(src![1]);
    expect(await html("/?lng=ar")).toMatch(/<script src="\/i18n\/ar\.[0-9a-f]{12}\.js"/);
  });

  it("an old hash gets the current translations uncached; an unknown language is a translated 404", async () => {
    const old = await new Client().get("/i18n/es.000000000000.js");
    expect(old.status).toBe(200);
    expect(old.headers.get("cache-control")).toBe("no-cache");
    expect(await old.text()).toContain('"locale":"es"');
    const missing = await new Client().get("/i18n/xx.js", { "accept-language": "es" });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(catalog("es", "common").errors.notFound);
    expect((await new Client().get("/i18n/en.js%3Cscript%3E")).status).toBe(404);
  });
});
