import { json } from "@remix-run/node";

/** JSON error for the API: always a message, never a stack. */
export function apiError(status: number, message: string, details?: Record<string, unknown>) {
  return json({ error: { status, message, ...(details ?? {}) } }, { status, headers: { "Cache-Control": "no-store" } });
}
