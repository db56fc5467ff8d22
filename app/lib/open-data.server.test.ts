import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { xmlText } from "./open-data.server";

describe("xmlText", () => {
  it("escapes markup and drops characters XML cannot carry, keeping tab, newline and astral characters", () => {
    const nasty = `a<b>&c"d'e\u0000\u0001\u0008\u000b\u000c\u001b\ufffe\uffff\ud800 lone\tkeep\nline 😀`;
    const escaped = xmlText(nasty);
    const doc = `<r a="${escaped}">${escaped}</r>`;
    expect(XMLValidator.validate(doc)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, trimValues: false }).parse(doc);
    expect(parsed.r["#text"]).toBe(`a<b>&c"d'e lone\tkeep\nline 😀`);
  });

  it("writes nothing for null and undefined", () => {
    expect(xmlText(null)).toBe("");
    expect(xmlText(undefined)).toBe("");
    expect(xmlText(3)).toBe("3");
  });
});
