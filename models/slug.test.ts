import { describe, expect, it } from "vitest";
import { slugify } from "./slug";
import { slugifyCall } from "./call-rules";
import { slugify as practiceSlug } from "./practice-slug";
import { slugify as spaceSlug } from "./space.server";

describe("one slug rule for practices, calls and spaces", () => {
  it("transliterates, lowercases, hyphenates and cuts at a word boundary", () => {
    expect(slugify("Intégration des migrants à Québec")).toBe("integration-des-migrants-a-quebec");
    expect(slugify("Программа интеграции")).toBe("programma-integratsii");
    expect(slugify("برنامج الهجرة")).toBe("brnamj-alhjra");
    expect(slugify("word ".repeat(40)).length).toBeLessThanOrEqual(80);
    expect(slugify("abc defgh", { max: 6 })).toBe("abc");
  });

  it("gives each kind its fallback word when nothing transliterates, and the same slug otherwise", () => {
    expect(practiceSlug("移民健康")).toBe("practice");
    expect(slugifyCall("征集实践")).toBe("call");
    expect(spaceSlug("讨论空间")).toBe("space");
    for (const title of ["Straße & Œuvre", "Éducation pour tous", "Трудовая миграция"]) {
      expect(slugifyCall(title)).toBe(practiceSlug(title));
      expect(spaceSlug(title)).toBe(practiceSlug(title));
    }
  });
});
