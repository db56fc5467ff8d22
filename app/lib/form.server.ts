// Reading forms safely: CSRF token check, no operator-shaped field names, clear 400s.
import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";

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
