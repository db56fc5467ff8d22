import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validateForm } from "./validation.server";

const schema = z.object({
  name: z.string().trim().min(1, "errors.required").max(10, "errors.tooLong"),
  password: z.string().min(1, "errors.required"),
});

function form(entries: [string, string | Blob][]) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("validateForm", () => {
  it("returns parsed data", () => {
    const r = validateForm(form([["name", " Ana "], ["password", "pw"]]), schema);
    expect(r.ok && r.data).toEqual({ name: "Ana", password: "pw" });
  });

  it("gives field errors as i18n keys, keeps typed values but never passwords", () => {
    const r = validateForm(form([["name", "x".repeat(50)], ["password", "secret"]]), schema);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ name: "errors.tooLong" });
    expect(r.values.name).toBe("x".repeat(50));
    expect(r.values.password).toBeUndefined();
  });

  it("refuses repeated fields and files for that field, without throwing", () => {
    const r = validateForm(form([["name", "a"], ["name", "b"], ["password", new Blob(["x"])]]), schema);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.name).toBe("errors.invalid");
    expect(r.errors.password).toBe("errors.invalid");
  });

  it("works through refine()", () => {
    const s = z.object({ a: z.string(), b: z.string() }).refine((v) => v.a === v.b, { path: ["b"], message: "errors.passwordMismatch" });
    const r = validateForm(form([["a", "1"], ["b", "2"]]), s);
    expect(!r.ok && r.errors).toEqual({ b: "errors.passwordMismatch" });
  });
});
