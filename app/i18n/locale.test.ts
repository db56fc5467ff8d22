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
  it("answers each request by its own headers, however often the same pair was seen", () => {
    const req = (url: string, cookie = "", al = "") => new Request(url, { headers: { cookie, "accept-language": al } });
    for (let i = 0; i < 3; i++) {
      expect(detectLocale(req("http://x/a", "lng=fr; s=1", "es"))).toBe("fr");
      expect(detectLocale(req("http://x/a", "lng=es; s=1", "fr"))).toBe("es");
      expect(detectLocale(req("http://x/a", "s=1", "fr"))).toBe("fr");
      expect(detectLocale(req("http://x/a", "s=1", "es;q=0.5, fr;q=0.4"))).toBe("es");
    }
    // a query string that names lng percent-encoded is still read
    expect(detectLocale(req("http://x/a?l%6Eg=es", "lng=fr", "fr"))).toBe("es");
    // many distinct headers: still right after the memo is cleared
    for (let i = 0; i < 2100; i++) detectLocale(req("http://x/", `s=${i}`, "fr"));
    expect(detectLocale(req("http://x/", "s=1", "es"))).toBe("es");
  });
});
