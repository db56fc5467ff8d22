// One i18next instance per language, built once and shared by all requests (decision 016):
// rendering in one language must never change what another request renders.
import { PassThrough } from "node:stream";
import { createElement, Suspense } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";
import { allResources, createI18n, getT, i18nFor, i18nForRender } from "./resources.server";
import { namespaces, supportedLanguages, type Locale } from "./config";

function SiteName() {
  const { t, i18n } = useTranslation();
  return createElement("p", { lang: i18n.language }, t("site.name"));
}
const page = (locale: Locale, children: React.ReactNode) => createElement(I18nextProvider, { i18n: i18nForRender(locale) }, children);

describe("shared i18next instances", () => {
  it("are built once per language and keep their language", () => {
    expect(i18nFor("fr")).toBe(i18nFor("fr"));
    expect(i18nForRender("es")).toBe(i18nForRender("es"));
    expect(i18nFor("fr")).not.toBe(i18nFor("es"));
    expect(i18nFor("fr").language).toBe("fr");
    expect(getT("es")).toBe(getT("es"));
    expect(getT("fr", ["practices", "common"])).toBe(getT("fr", ["practices", "common"]));
    expect(allResources()).toBe(allResources());
  });

  it("render each request in its own language, with English as the fallback", () => {
    const en = allResources().en.common as { site: { name: string } };
    const fr = allResources().fr.common as { site: { name: string } };
    expect(fr.site.name).not.toBe(en.site.name);
    expect(renderToString(page("fr", createElement(SiteName)))).toBe(`<p lang="fr">${fr.site.name}</p>`);
    expect(renderToString(page("en", createElement(SiteName)))).toBe(`<p lang="en">${en.site.name}</p>`);
    // The French render did not switch the shared instances.
    expect(i18nFor("en").language).toBe("en");
    expect(i18nFor("fr").language).toBe("fr");
    expect(getT("fr")("site.name")).toBe(fr.site.name);
    expect(getT("es")("a.key.no.language.has", { defaultValue: "fallback" })).toBe("fallback");
  });

  it("keep two interleaved streamed renders in different languages apart", async () => {
    let release!: () => void;
    let ready = false;
    const gate = new Promise<void>((r) => (release = r)).then(() => {
      ready = true;
    });
    function Late() {
      if (!ready) throw gate;
      return createElement(SiteName);
    }
    const render = (locale: Locale) =>
      new Promise<string>((resolve, reject) => {
        const sink = new PassThrough();
        let html = "";
        sink.on("data", (c: Buffer) => (html += c.toString("utf8")));
        sink.on("end", () => resolve(html));
        const { pipe } = renderToPipeableStream(page(locale, createElement(Suspense, { fallback: "…" }, createElement(Late))), {
          onShellReady: () => pipe(sink),
          onError: reject,
        });
      });
    const both = Promise.all([render("es"), render("fr")]);
    release();
    const [es, fr] = await both;
    expect(es).toContain(`<p lang="es">${(allResources().es.common as { site: { name: string } }).site.name}</p>`);
    expect(fr).toContain(`<p lang="fr">${(allResources().fr.common as { site: { name: string } }).site.name}</p>`);
  });

  it("translate every key exactly as a fresh i18next instance does, on every call", () => {
    const leaves = (o: Record<string, unknown>, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
    let checked = 0;
    const wrong: string[] = [];
    for (const lng of supportedLanguages) {
      const fresh = createI18n(lng);
      for (const ns of namespaces) {
        const ours = getT(lng, ns);
        const theirs = fresh.getFixedT(lng, ns);
        const keys = leaves(allResources()[lng][ns]).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""));
        for (const key of [...keys, "no.such.key"]) {
          const want = theirs(key);
          if (ours(key) !== want || ours(key) !== want) wrong.push(`${lng} ${ns}:${key}`);
          checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    // Counts and values still change the text of calls with options.
    const t = getT("en");
    expect(t("nav.unread", { count: 1 })).toBe("1 unread notification");
    expect(t("nav.unread", { count: 3 })).toBe("3 unread notifications");
    const render = i18nForRender("en").getFixedT("en", "common");
    expect(render("nav.unread", { count: 2 })).toBe("2 unread notifications");
    expect(render("site.name")).toBe((allResources().en.common as { site: { name: string } }).site.name);
  });

  it("translate calls with options as a fresh instance does, whatever was asked before", () => {
    const fresh = createI18n("fr");
    const theirs = fresh.getFixedT("fr", ["practices", "common"]);
    const ours = getT("fr", ["practices", "common"]);
    const calls: [string, Record<string, unknown>][] = [];
    for (const count of [0, 1, 2, 5, 21, 1000]) calls.push(["nav.unread", { count }], ["list.results", { count }]);
    for (const title of ["Un", "Deux <b>&</b>", ""]) calls.push(["form.editTitle", { title }]);
    calls.push(["no.such.key", { defaultValue: "par défaut" }], ["no.such.key", { defaultValue: "autre" }], ["site.name", { ns: "common" }]);
    // Twice over, and again after more distinct calls than the memo holds (it starts afresh).
    for (let round = 0; round < 3; round++) {
      for (const [key, options] of calls) expect(ours(key, options), `${key} ${JSON.stringify(options)}`).toBe(theirs(key, options));
      if (round === 1) for (let i = 0; i < 5000; i++) expect(ours("form.editTitle", { title: `T${i}` })).toBe(theirs("form.editTitle", { title: `T${i}` }));
    }
    // Options that are not plain values go to i18next every time.
    expect(ours("form.editTitle", { title: "X", extra: { a: 1 } })).toBe(theirs("form.editTitle", { title: "X", extra: { a: 1 } }));
    expect(ours("nav.unread", { count: Number.NaN })).toBe(theirs("nav.unread", { count: Number.NaN }));
  });
});
