// The session cookie's name and attributes, shared by the app (app/lib/session.server.ts, which
// signs and reads it) and the HTTP server (scripts/serve.ts, which renews it on every visit).
import { SESSION_IDLE_MS } from "../../models/session-lifetime";

export const SESSION_COOKIE = "hub_session";

/** HttpOnly, SameSite=Lax, whole site; Secure over https; lives as long as an idle session. */
export function sessionCookieAttributes(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure, maxAgeSeconds: Math.floor(SESSION_IDLE_MS / 1000) };
}
