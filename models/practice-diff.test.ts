import { diffWords } from "diff";
import { describe, expect, it } from "vitest";
import { diffPractices, type DiffablePractice } from "./practice-diff";
import { practiceLabels } from "./practice-labels";
import { practiceSectionKeys } from "./practice-form";

const labels = practiceLabels((k: string) => `[${k}]`);
const base: DiffablePractice = {
  title: "Mobile remittance kiosks",
  summary: "Kiosks in markets let herders send money home.",
  language: "en",
  sections: Object.fromEntries(practiceSectionKeys.map((k) => [k, { text: `The ${k} of the kiosks, at length.` }])),
  organizations: ["Herders' Union"],
  partners: [],
  countries: ["GH"],
  scope: "national",
  objectives: [5, 20],
  principles: [],
  stakeholderTypes: [],
  startDate: null,
  endDate: null,
  implementationStatus: "ongoing",
  budgetRange: "",
  fundingSource: "",
  contact: { name: "A. Mensah", email: "a@example.org" },
  links: [],
};

describe("diffPractices", () => {
  it("lists only the fields that changed, in display order, with the word diff of each", () => {
    const after = { ...base, title: "Mobile remittance kiosks for herders", sections: { ...base.sections, [practiceSectionKeys[1]]: { text: "Rewritten entirely." } } };
    const d = diffPractices(base, after, labels);
    expect(d.map((x) => x.field)).toEqual(["title", `sections.${practiceSectionKeys[1]}`]);
    for (const x of d) expect(x.changed).toBe(true);
    const plain = (old: string, text: string) => diffWords(old, text).map((c) => ({ value: c.value, ...(c.added ? { added: true } : {}), ...(c.removed ? { removed: true } : {}) }));
    expect(d[0].parts).toEqual(plain(base.title, after.title));
    expect(d[1].parts).toEqual(plain(base.sections[practiceSectionKeys[1]].text, "Rewritten entirely."));
    expect(diffPractices(base, base, labels)).toEqual([]);
  });

  it("a first version is all new; a field emptied is all removed (as a word diff says)", () => {
    const first = diffPractices(null, base, labels);
    expect(first.find((x) => x.field === "title")?.parts).toEqual([{ value: base.title, added: true }]);
    expect(first.some((x) => x.field === "partners")).toBe(false);
    expect(first.find((x) => x.field === "summary")?.parts).toEqual(diffWords("", base.summary).map((c) => ({ value: c.value, added: true })));
    const emptied = diffPractices(base, { ...base, summary: "" }, labels);
    expect(emptied).toEqual([{ field: "summary", changed: true, parts: [{ value: base.summary, removed: true }] }]);
  });
});
