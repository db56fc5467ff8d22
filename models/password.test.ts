import { describe, expect, it } from "vitest";
import { commonPasswords, hashPassword, passwordProblem, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("stores scrypt hashes with a random salt and verifies them", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });

  it("hashes the normalized password, so the same password typed with a trailing space or a zero-width space opens the account", async () => {
    const h = await hashPassword("tidal copper lantern");
    expect(await verifyPassword("tidal copper lantern ", h)).toBe(true);
    expect(await verifyPassword("tidal copper\u200b lantern", h)).toBe(true);
    expect(await verifyPassword("tidal copper lanterns", h)).toBe(false);
  });
});

describe("password policy", () => {
  it("ships a list of a few hundred common passwords, lower case", () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(300);
    for (const p of list) expect(p).toBe(p.toLowerCase());
    expect(list.has("password1234")).toBe(true);
  });

  it.each([
    ["short", "errors.passwordTooShort"],
    ["x".repeat(201), "errors.passwordTooLong"],
    ["Password1234", "errors.passwordCommon"],
    ["QWERTYUIOP123", "errors.passwordCommon"],
    ["someone@example.org", "errors.passwordPersonal"],
    ["Someone Longname", "errors.passwordPersonal"],
    // Normalized before every check: surrounding spaces, invisible characters, compatibility forms.
    [" ".repeat(12), "errors.passwordTooShort"],
    ["\u200b".repeat(12), "errors.passwordTooShort"],
    ["\u00a0".repeat(6) + "\u3000".repeat(6), "errors.passwordTooShort"],
    ["password1234 ", "errors.passwordCommon"],
    ["  password1234\u200b", "errors.passwordCommon"],
    ["ｐａｓｓｗｏｒｄ１２３４", "errors.passwordCommon"],
    ["pass\u200bword1234", "errors.passwordCommon"],
  ])("refuses %s", (pw, key) => {
    expect(passwordProblem(pw, { email: "someone@example.org", displayName: "Someone Longname" })).toBe(key);
  });

  it("accepts a long uncommon password", () => {
    expect(passwordProblem("tidal-copper-lantern-42", { email: "a@b.org", displayName: "A B" })).toBeNull();
    // Length counts characters, not bytes.
    expect(passwordProblem("éééééééééééé")).toBeNull();
  });
});
