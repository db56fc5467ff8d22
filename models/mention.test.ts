import { describe, expect, it } from "vitest";
import { mentionCandidates } from "./mention.server";

describe("mentions", () => {
  it("offers every prefix of up to six words after each @, with trailing punctuation trimmed", () => {
    const [c] = mentionCandidates("Thanks @Kwame Mensah, good point.");
    expect(c).toContain("Kwame");
    expect(c).toContain("Kwame Mensah");
    expect(c).toContain("Kwame Mensah, good point");
  });
  it("keeps names with brackets and ignores e-mail addresses", () => {
    expect(mentionCandidates("cc @Amina Diallo (admin) please").flat()).toContain("Amina Diallo (admin)");
    expect(mentionCandidates("write to member@example.org")).toEqual([]);
  });
  it("finds several mentions, at most twenty", () => {
    expect(mentionCandidates("@A and @B")).toHaveLength(2);
    expect(mentionCandidates(Array.from({ length: 50 }, (_, i) => `@u${i}`).join(" "))).toHaveLength(20);
  });
});
