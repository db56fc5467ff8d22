import { Transform, type TransformCallback } from "node:stream";

/**
 * Where React writes the page. React 18 writes in pieces of at most 2 KiB and calls `flush()`
 * once it has written everything it has for now (the shell, later each resolved Suspense
 * boundary). Remix's writeReadableStreamToWritable flushes the response after every chunk it
 * reads, and every flush of the compression middleware is a separate compressor flush and
 * socket write: a 60 KB page cost about 30 of each. This stream holds React's pieces and passes
 * them on as one chunk at each of React's flushes (and at the end), so what the browser gets,
 * and when, is unchanged — only in fewer, larger writes (decision 016).
 */
export class FlushGroupingStream extends Transform {
  #pending: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#pending.push(chunk);
    callback();
  }

  /** Called by React when it has written all it can for now. */
  flush() {
    if (this.#pending.length === 0) return;
    const chunk = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending);
    this.#pending = [];
    this.push(chunk);
  }

  override _flush(callback: TransformCallback) {
    this.flush();
    callback();
  }
}
