// What the express server hands every loader and action (see scripts/serve.ts).
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce: string;
    csrfToken: string;
  }
}
export {};
