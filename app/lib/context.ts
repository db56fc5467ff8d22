// What the express server hands every loader and action (see scripts/serve.ts HubLoadContext).
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce: string;
    csrfToken: string;
    /** The client's IP address (X-Forwarded-For only when TRUST_PROXY=1). */
    clientIp: string;
    /** Set when the server refused the request before routing: 405 (method) or 404 (path). */
    rejected?: 404 | 405;
    /** An attachment upload larger than the server takes: its body was discarded. */
    uploadTooLarge?: boolean;
  }
}
export {};
