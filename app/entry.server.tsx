import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "./i18n/resources.server";
import { detectLocale } from "./i18n/locale.server";
import { NonceProvider } from "./lib/nonce";
import { startBackgroundWork } from "./lib/background.server";
import "../search/sync.server"; // registers the search sync worker
import "./lib/context";
import { isServiceDown } from "./lib/service-errors";

const ABORT_DELAY = 5_000;
startBackgroundWork();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A loader failed because MongoDB or Meilisearch is unreachable: that is a 503, not a 500.
  const errors = remixContext.staticHandlerContext.errors;
  if (responseStatusCode >= 500 && errors && Object.values(errors).some(isServiceDown)) responseStatusCode = 503;
  const locale = detectLocale(request);
  const i18n = createI18n(locale);
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
          const body = new PassThrough();
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
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
