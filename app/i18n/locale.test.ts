import { describe, expect, it } from "vitest";
import { detectLocale, fromAcceptLanguage } from "./locale.server";

describe("locale detection", () => {
  it("ranks Accept-Language by quality and falls back to English", () => {
    expect(fromAcceptLanguage("de;q=1, es;q=0.8, fr;q=0.9")).toBe("fr");
    expect(fromAcceptLanguage("pt-BR")).toBe("en");
    expect(fromAcceptLanguage(null)).toBe("en");
    expect(fromAcceptLanguage("es;q=0, fr;q=0.1")).toBe("fr");
  });
  it("prefers ?lng over the cookie over the header", () => {
    const req = (url: string, cookie = "", al = "") => new Request(url, { headers: { cookie, "accept-language": al } });
    expect(detectLocale(req("http://x/?lng=es", "lng=fr", "en"))).toBe("es");
    expect(detectLocale(req("http://x/?lng=xx", "lng=fr", "es"))).toBe("fr");
    expect(detectLocale(req("http://x/", "lng=zz", "es"))).toBe("es");
  });
});
