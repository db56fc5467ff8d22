import { describe, expect, it } from "vitest";
import { objectives } from "./taxonomy";
import {
  DEFAULT_STALE_AFTER_DAYS,
  isSdgTarget,
  isStale,
  orderTargets,
  sdgTargetList,
  sdgTargetTitle,
  staleAfterDays,
  suggestedTargets,
  targetsForObjective,
} from "./practice-evidence";

describe("SDG targets and the crosswalk", () => {
  it("holds the issue's targets, each with a title in every UI language", () => {
    for (const id of ["1.3", "3.8", "4.b", "5.2", "8.7", "8.8", "10.7", "10.c", "13.1", "16.2", "16.9", "17.3", "17.18"]) expect(isSdgTarget(id), id).toBe(true);
    for (const t of sdgTargetList) {
      expect(t.id).toMatch(/^\d{1,2}\.(\d{1,2}|[a-c])$/);
      expect(t.goal).toBe(Number(t.id.split(".")[0]));
      for (const l of ["en", "fr", "es", "ar", "zh", "ru"] as const) expect(t.title[l]?.length, `${t.id} ${l}`).toBeGreaterThan(l === "zh" ? 8 : 20);
    }
    expect(sdgTargetTitle("10.c", "fr")).toMatch(/^D’ici à 2030, faire baisser au-dessous de 3 pour cent/);
    expect(sdgTargetTitle("10.c", "ar")).toMatch(/^خفض تكاليف معاملات تحويلات المهاجرين/);
    // A language without a title falls back to English.
    expect(sdgTargetTitle("10.c", "pt")).toBe(sdgTargetTitle("10.c", "en"));
    expect(isSdgTarget("99.9")).toBe(false);
    expect(isSdgTarget("10.7 ")).toBe(false);
  });

  it("suggests only listed targets, for every GCM objective", () => {
    for (const n of objectives) {
      expect(targetsForObjective(n).length, `objective ${n}`).toBeGreaterThan(0);
      for (const t of targetsForObjective(n)) expect(isSdgTarget(t), `${n} → ${t}`).toBe(true);
    }
    expect(targetsForObjective(99)).toEqual([]);
  });

  it("groups suggestions by target, in the list's order", () => {
    expect(suggestedTargets([20, 19])).toEqual([
      { target: "10.c", objectives: [20] },
      { target: "17.3", objectives: [19, 20] },
    ]);
    expect(orderTargets(["17.18", "10.c", "10.2", "x", "10.c"])).toEqual(["10.2", "10.c", "17.18"]);
  });
});

describe("may be out of date", () => {
  it("counts from the last update with a configurable age", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    expect(isStale(new Date("2023-11-01T00:00:00Z"), now, DEFAULT_STALE_AFTER_DAYS)).toBe(true);
    expect(isStale(new Date("2024-01-01T00:00:00Z"), now, DEFAULT_STALE_AFTER_DAYS)).toBe(false);
    expect(isStale(null, now)).toBe(false);
    expect(isStale("not a date", now)).toBe(false);
    expect(staleAfterDays({ HUB_STALE_AFTER_DAYS: "30" })).toBe(30);
    expect(staleAfterDays({ HUB_STALE_AFTER_DAYS: "-1" })).toBe(DEFAULT_STALE_AFTER_DAYS);
    expect(staleAfterDays({})).toBe(1095);
  });
});
