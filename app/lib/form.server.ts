// Reading forms safely: CSRF token check, no operator-shaped field names, clear 400s.
import type { AppLoadContext } from "@remix-run/node";
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

export const CSRF_FIELD = "_csrf";

export function badRequest(message: string, status = 400) {
  return json({ error: message }, { status });
}

/** Parses a form post. Throws a 403 when the CSRF token is missing or wrong, 400 when unreadable. */
export async function parseForm(request: Request, context: AppLoadContext): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
  return checkedForm(form, context);
}

/**
 * Parses a form that may carry a file (multipart, or a plain form): parts are kept in memory up
 * to `maxPartBytes` (the server already cut the body to its upload limit), then checked like
 * parseForm.
 */
export async function parseUploadForm(request: Request, context: AppLoadContext, maxPartBytes: number): Promise<FormData> {
  let form: FormData;
  try {
    const multipart = /^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "");
    form = multipart ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes })) : await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
  return checkedForm(form, context);
}

/** An uploaded file of a form, or null when the field holds none (or only text). */
export function fileField(form: FormData, name: string): File | null {
  const v = form.get(name);
  return v && typeof v === "object" && typeof (v as File).arrayBuffer === "function" ? (v as File) : null;
}

function checkedForm(form: FormData, context: AppLoadContext): FormData {
  const token = form.get(CSRF_FIELD);
  if (typeof token !== "string" || !context.csrfToken || token !== context.csrfToken) {
    throw new Response("The form has expired. Please reload the page and try again.", { status: 403 });
  }
  for (const key of form.keys()) {
    if (key.includes("$") || key.includes("[")) {
      throw new Response("Invalid form field.", { status: 400 });
    }
  }
  return form;
}

/** A text field: trimmed, "" when absent or not text. */
export function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

export function fields(form: FormData, name: string): string[] {
  return form
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** True when the honeypot field (see app/components/honeypot.tsx) was filled: a bot. */
export function honeypotFilled(form: FormData): boolean {
  const v = form.get("website");
  return typeof v === "string" && v.trim() !== "";
}
