// Validating forms with zod: every value must be a single string of bounded length. Errors
// come back as i18n keys per field, with every typed value kept (passwords excepted).
import { z } from "zod";

/** The field names of an object schema, also through .refine()/.transform() wrappers. */
function fieldNames(schema: z.ZodTypeAny): string[] {
  let s: z.ZodTypeAny = schema;
  while (s instanceof z.ZodEffects) s = s.innerType();
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type Validated<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** Values never echoed back to the page. */
const secret = /password/i;

/**
 * Reads the named fields from a form and validates them with `schema`. A field sent twice or
 * sent as a file is an error for that field, never a 500. Keys of `schema` are the fields.
 */
export function validateForm<S extends z.ZodTypeAny>(form: FormData, schema: S, maxEcho = 5000): Validated<z.infer<S>> {
  const raw: Record<string, string> = {};
  const values: FormValues = {};
  const errors: FieldErrors = {};
  for (const name of fieldNames(schema)) {
    const all = form.getAll(name);
    if (all.length > 1 || (all.length === 1 && typeof all[0] !== "string")) {
      errors[name] = "errors.invalid";
      continue;
    }
    const v = (all[0] as string | undefined) ?? "";
    raw[name] = v;
    if (!secret.test(name)) values[name] = v.slice(0, maxEcho);
  }
  const result = schema.safeParse(raw);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data, values };
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  return { ok: false, errors, values };
}
