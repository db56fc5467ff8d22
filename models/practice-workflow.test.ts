import { describe, expect, it } from "vitest";
import {
  availableActions,
  nextStatus,
  ownerEditTarget,
  practiceActions,
  practiceStatuses,
  reviewStatus,
  transition,
  type PracticeStatus,
} from "./practice-workflow";
import { slugify } from "./practice-slug";

describe("practice workflow state machine", () => {
  it("follows the review path draft → submitted → changes-requested ⇄ submitted → published → archived", () => {
    expect(transition("draft", "submit", "owner")).toBe("submitted");
    expect(transition("submitted", "request-changes", "moderator")).toBe("changes-requested");
    expect(transition("changes-requested", "submit", "owner")).toBe("submitted");
    expect(transition("submitted", "publish", "moderator")).toBe("published");
    expect(transition("published", "archive", "moderator")).toBe("archived");
    expect(transition("archived", "unarchive", "moderator")).toBe("published");
    expect(transition("submitted", "reject", "moderator")).toBe("rejected");
    expect(transition("submitted", "withdraw", "owner")).toBe("draft");
    expect(transition("submitted", "withdraw", "moderator")).toBeNull();
  });

  it("refuses every other transition", () => {
    const allowed = new Set([
      "draft:submit", "changes-requested:submit", "submitted:withdraw", "submitted:request-changes", "submitted:publish", "submitted:reject",
      "published:archive", "archived:unarchive",
    ]);
    for (const from of practiceStatuses) {
      for (const action of practiceActions) {
        const key = `${from}:${action}`;
        const to = nextStatus(from, action);
        if (allowed.has(key)) expect(to, key).not.toBeNull();
        else expect(to, key).toBeNull();
      }
    }
    // Nothing leaves "rejected"; a draft can never be published directly.
    expect(availableActions("rejected", "moderator")).toEqual([]);
    expect(availableActions("rejected", "owner")).toEqual([]);
    expect(nextStatus("draft", "publish")).toBeNull();
    expect(nextStatus("changes-requested", "publish")).toBeNull();
  });

  it("checks who performs an action", () => {
    expect(transition("draft", "submit", "moderator")).toBeNull();
    expect(transition("submitted", "publish", "owner")).toBeNull();
    expect(transition("submitted", "reject", "owner")).toBeNull();
    expect(availableActions("submitted", "moderator").sort()).toEqual(["publish", "reject", "request-changes"]);
    expect(availableActions("draft", "owner")).toEqual(["submit"]);
    expect(availableActions("submitted", "owner")).toEqual(["withdraw"]);
  });

  it("routes owner edits: drafts in place, published practices into a pending revision", () => {
    expect(ownerEditTarget("draft")).toBe("main");
    expect(ownerEditTarget("changes-requested")).toBe("main");
    expect(ownerEditTarget("published")).toBe("pending");
    expect(ownerEditTarget("published", "draft")).toBe("pending");
    expect(ownerEditTarget("published", "changes-requested")).toBe("pending");
    expect(ownerEditTarget("published", "rejected")).toBe("pending");
    expect(ownerEditTarget("published", "submitted")).toBeNull();
    for (const s of ["submitted", "rejected", "archived"] as PracticeStatus[]) expect(ownerEditTarget(s), s).toBeNull();
  });

  it("reviews the pending revision of a published practice", () => {
    expect(reviewStatus("published", "submitted")).toBe("submitted");
    expect(reviewStatus("published", null)).toBe("published");
    expect(reviewStatus("draft", null)).toBe("draft");
  });
});

describe("slugs", () => {
  it("transliterates and hyphenates titles", () => {
    expect(slugify("Intégration des migrants à Québec")).toBe("integration-des-migrants-a-quebec");
    expect(slugify("Straße & Œuvre")).toBe("strasse-and-oeuvre");
    expect(slugify("Программа интеграции")).toBe("programma-integratsii");
    expect(slugify("<script>alert(1)</script>")).toBe("script-alert-1-script");
    expect(slugify("!!!")).toBe("practice");
    expect(slugify("word ".repeat(40)).length).toBeLessThanOrEqual(80);
  });
});
