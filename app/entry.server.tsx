import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nForRender, warmI18n } from "./i18n/resources.server";
import { detectLocale } from "./i18n/locale.server";
import { FlushGroupingStream } from "./lib/flush-grouping-stream.server";
import { NonceProvider } from "./lib/nonce";
import { startBackgroundWork } from "./lib/background.server";
import "../search/sync.server"; // registers the search sync worker
import "./lib/context";
import { isServiceDown } from "./lib/service-errors";
import { log } from "./models.server";

const ABORT_DELAY = 5_000;
startBackgroundWork();
// Translations are read and every language's i18next instance is built here, at start-up, not
// while serving a request.
warmI18n();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A loader or action failed because MongoDB or Meilisearch is unreachable: that is a 503 with
  // the translated "temporarily unavailable" page, not a 500. In production Remix hands the
  // boundary a sanitized error, so handleError (which sees the real one) marks the request and
  // the errors become 503 error responses here.
  const errors = remixContext.staticHandlerContext.errors;
  if (responseStatusCode >= 500 && errors && (serviceDown.has(request) || Object.values(errors).some(isServiceDown))) {
    responseStatusCode = 503;
    for (const id of Object.keys(errors)) if (!isRouteErrorResponse(errors[id])) errors[id] = unavailable();
  }
  const locale = detectLocale(request);
  const i18n = i18nForRender(locale);
  const nonce = loadContext.nonce ?? "";
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const body = new FlushGroupingStream();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = isServiceDown(error) ? 503 : 500;
          if (shellRendered) log.error({ err: error }, "page rendering failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

const serviceDown = new WeakSet<Request>();
const unavailable = () => ({ status: 503, statusText: "Service Unavailable", internal: false, data: "Service Unavailable" });

export function handleError(error: unknown, { request }: { request: Request }) {
  if (isServiceDown(error)) {
    serviceDown.add(request);
    log.warn({ method: request.method, path: new URL(request.url).pathname, error: (error as Error).message }, "a backing service is down");
    return;
  }
  if (request.signal.aborted) return;
  // A POST to a page that has no form (405) is the client's mistake, not ours: no stack in the log.
  if (isRouteErrorResponse(error) && error.status === 405) return;
  log.error({ err: error }, "request failed");
}

/** Client-side navigations: the same 503 as a thrown response, so the boundary can say so. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (response.status >= 500 && response.headers.has("X-Remix-Error") && serviceDown.has(request)) {
    return new Response(JSON.stringify(unavailable().data), {
      status: 503,
      headers: { "Content-Type": "application/json; charset=utf-8", "X-Remix-Catch": "yes", "X-Remix-Response": "yes" },
    });
  }
  return response;
}
