// The country field's no-JavaScript list (decision 061) is built as one string per language and
// field with the ticks set per render: it must be exactly the markup React renders for the same
// elements, tick what was chosen and nothing else, whatever was rendered before.
import { createElement, Fragment } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { i18nForRender } from "~/i18n/resources.server";
import type { Locale } from "~/i18n/config";
import { regionKey, regions } from "../../models/taxonomy";
import { countryOptions } from "../../models/geo.server";
import { CountryPicker } from "./country-picker";

const render = (locale: Locale, chosen: string[], id = "f-countries") =>
  renderToString(
    createElement(
      I18nextProvider,
      { i18n: i18nForRender(locale) },
      createElement(CountryPicker, { id, name: "countries", defaultValue: chosen, legend: createElement("legend", null, "Countries"), label: "Countries", labelText: "Countries" }),
    ),
  );

/** The list as React renders the same elements (the component's markup before decision 061). */
function reactList(locale: Locale, chosen: string[], id = "f-countries") {
  const t = i18nForRender(locale).getFixedT(locale, "taxonomy");
  const list = countryOptions(locale);
  const groups = regions.map((r) => ({ region: r, items: list.filter((c) => c.region === r) })).filter((g) => g.items.length > 0);
  return renderToString(
    createElement(
      "div",
      { className: "country-groups" },
      groups.map((g) =>
        createElement(
          "fieldset",
          { key: g.region, className: "checkbox-grid" },
          createElement("legend", null, t(regionKey(g.region))),
          g.items.map((c) =>
            createElement(
              Fragment,
              { key: c.code },
              createElement(
                "div",
                { className: "check" },
                createElement("input", { type: "checkbox", id: `${id}-${c.code}`, name: "countries", value: c.code, defaultChecked: chosen.includes(c.code) }),
                createElement("label", { htmlFor: `${id}-${c.code}` }, c.name),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

const listOf = (html: string) => html.slice(html.indexOf('<div class="country-groups">'), html.lastIndexOf("</div>") + "</div>".length);

describe("the country field without JavaScript", () => {
  it("is the markup React renders, in every language, with the chosen countries ticked", () => {
    for (const locale of ["en", "fr", "ar"] as Locale[]) {
      const chosen = ["CI", "FR", "MX"];
      const html = render(locale, chosen);
      expect(listOf(html)).toBe(reactList(locale, chosen));
      expect(html.match(/ checked=""/g)).toHaveLength(3);
      expect(html.match(/type="checkbox"/g)).toHaveLength(countryOptions(locale).length);
    }
    // Names that need escaping are escaped as React escapes them ("Côte d'Ivoire").
    expect(render("fr", [])).toContain("d&#x27;Ivoire");
  });

  it("ticks only this render's choices, whatever was rendered before", () => {
    render("en", ["KE", "UG"]);
    const html = render("en", ["PE"]);
    expect(html).toContain('checked="" value="PE"');
    expect(html).not.toContain('checked="" value="KE"');
    expect(html.match(/ checked=""/g)).toHaveLength(1);
    expect(render("en", []).includes('checked=""')).toBe(false);
    // Another field id gives its own ids and labels.
    expect(render("en", ["PE"], "g-c")).toContain('id="g-c-PE" name="countries" checked="" value="PE"');
    expect(listOf(render("es", ["PE"], "g-c"))).toBe(reactList("es", ["PE"], "g-c"));
  });
});
