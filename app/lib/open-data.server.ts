// Helpers of the open-data routes (export, feeds, sitemap): the public origin, XML text, and
// responses whose body is written as it is produced.
import { log } from "~/models.server";

/** The origin absolute URLs are built from: HUB_PUBLIC_URL when set, else the request's. */
export function publicOrigin(request: Request): string {
  const configured = process.env.HUB_PUBLIC_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting falls back to the request's origin.
    }
  }
  return new URL(request.url).origin;
}

// Characters XML 1.0 does not allow anywhere (C0 controls but tab/LF/CR, U+FFFE/FFFF, lone surrogates).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text (or an attribute value) for XML: characters XML cannot carry removed, markup escaped. */
export function xmlText(s: string | number | null | undefined): string {
  return String(s ?? "")
    .replace(NOT_XML, "")
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

/**
 * A Response whose body is pulled from `chunks` as the client reads it (backpressure: the next
 * chunk is only produced when the previous one was sent). `X-Accel-Buffering: no` tells the hub's
 * server (and proxies) to pass it on as it comes instead of buffering it.
 */
export function streamResponse(chunks: AsyncIterable<string>, headers: Record<string, string>, onCancel?: () => Promise<void> | void): Response {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        log.error({ err: e }, "streamed response failed");
        controller.error(e);
      }
    },
    async cancel() {
      await it.return?.();
      await onCancel?.();
    },
  });
  return new Response(body, { status: 200, headers: { "X-Accel-Buffering": "no", ...headers } });
}

/** Groups an async iterable into arrays of up to `size` items (one write per batch, not per row). */
export async function* batches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
