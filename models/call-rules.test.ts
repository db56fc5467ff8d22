import { describe, expect, it } from "vitest";
import { callState, daysLeft, emptyCallInput, localized, validateCall } from "./call-rules";

const input = (over: Partial<ReturnType<typeof emptyCallInput>> = {}) => ({
  ...emptyCallInput(),
  title: { ...emptyCallInput().title, en: "Decent work" },
  objectives: ["6"],
  opensAt: "2030-01-01",
  closesAt: "2030-02-01",
  ...over,
});

describe("validateCall", () => {
  it("accepts a complete call, slugged from its title, closing at the end of its last day", () => {
    const { errors, value } = validateCall(input());
    expect(errors).toEqual({});
    expect(value.slug).toBe("decent-work");
    expect(value.closesAt.toISOString()).toBe("2030-02-01T23:59:59.999Z");
  });
  it("refuses closing before (or on) opening, unknown objectives and regions, no title", () => {
    expect(validateCall(input({ closesAt: "2029-12-31" })).errors.closesAt).toBe("errors.closesBeforeOpens");
    expect(validateCall(input({ closesAt: "2030-01-01" })).errors.closesAt).toBe("errors.closesBeforeOpens");
    expect(validateCall(input({ objectives: ["24"] })).errors.objectives).toBe("errors.invalidChoice");
    expect(validateCall(input({ regions: ["Atlantis"] })).errors.regions).toBe("errors.invalidChoice");
    expect(validateCall(input({ title: emptyCallInput().title })).errors.title_en).toBe("errors.titleRequired");
    expect(validateCall(input({ opensAt: "2030-02-30" })).errors.opensAt).toBe("errors.dateInvalid");
  });
});

describe("localized", () => {
  it("falls back: UI language, then English, then any given", () => {
    expect(localized({ en: "E", fr: "F" }, "fr")).toEqual({ text: "F", lang: "fr" });
    expect(localized({ en: "E", fr: "F" }, "es")).toEqual({ text: "E", lang: "en" });
    expect(localized({ es: "S" }, "fr")).toEqual({ text: "S", lang: "es" });
  });
});

describe("callState", () => {
  const c = { opensAt: new Date("2030-01-01T00:00:00Z"), closesAt: new Date("2030-02-01T23:59:59.999Z") };
  it("is upcoming, open, then closed", () => {
    expect(callState(c, new Date("2029-12-31T23:00:00Z"))).toBe("upcoming");
    expect(callState(c, new Date("2030-02-01T20:00:00Z"))).toBe("open");
    expect(callState(c, new Date("2030-02-02T00:00:00Z"))).toBe("closed");
    expect(daysLeft(c.closesAt, new Date("2030-01-30T00:00:00Z"))).toBe(2);
  });
});
