import { describe, expect, it } from "vitest";
import { can } from "./permissions";

describe("permission table", () => {
  it("gives members the member actions only", () => {
    expect(can(["member"], "practice:submit")).toBe(true);
    expect(can(["member"], "review:practice")).toBe(false);
    expect(can(["member"], "admin:roles")).toBe(false);
  });
  it("gives moderators review and moderation, not administration", () => {
    expect(can(["member", "moderator"], "review:practice")).toBe(true);
    expect(can(["member", "moderator"], "moderate:discussion")).toBe(true);
    expect(can(["member", "moderator"], "admin:roles")).toBe(false);
  });
  it("gives admins everything", () => {
    expect(can(["member", "moderator", "admin"], "admin:roles")).toBe(true);
    expect(can(["admin"], "review:practice")).toBe(true);
  });
  it("gives nobody anything without roles", () => {
    expect(can([], "practice:submit")).toBe(false);
    expect(can(undefined, "practice:submit")).toBe(false);
    expect(can(["superuser"], "admin:roles")).toBe(false);
  });
});
