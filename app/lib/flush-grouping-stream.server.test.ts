// The page stream groups React's 2 KiB pieces into one chunk per React flush (decision 016) but
// must keep streaming: the shell goes out before a suspended part of the page has resolved.
import { PassThrough, type Readable } from "node:stream";
import { createElement, Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FlushGroupingStream } from "./flush-grouping-stream.server";

/** Collects a stream's chunks; `next()` resolves when one more chunk has arrived. */
function collect(stream: Readable) {
  const chunks: string[] = [];
  let wake: (() => void) | null = null;
  stream.on("data", (c: Buffer) => {
    chunks.push(c.toString("utf8"));
    wake?.();
  });
  const ended = new Promise<void>((resolve) => stream.on("end", () => resolve()));
  const next = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (chunks.length >= count ? resolve() : (wake = check));
      check();
    });
  return { chunks, next, ended };
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => createElement("li", { key: i }, `row ${i} · ${"é".repeat(i % 7)} ${"x".repeat(40)}`));

describe("FlushGroupingStream", () => {
  it("holds writes until flush() and passes them on as one chunk, in order", async () => {
    const s = new FlushGroupingStream();
    const { chunks, ended } = collect(s);
    s.write(Buffer.from("ab"));
    s.write(new Uint8Array([99, 100]));
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual([]);
    s.flush();
    s.flush(); // nothing pending: no empty chunk
    s.write(Buffer.from("ef"));
    s.end();
    await ended;
    expect(chunks).toEqual(["abcd", "ef"]);
  });

  it("sends a page React writes in many 2 KiB pieces as one chunk", async () => {
    const page = createElement("ul", null, rows(400));
    const render = (sink: PassThrough | FlushGroupingStream) => {
      const c = collect(sink);
      const { pipe } = renderToPipeableStream(page, { onAllReady: () => pipe(sink) });
      return c;
    };
    const plain = render(new PassThrough());
    const grouped = render(new FlushGroupingStream());
    await Promise.all([plain.ended, grouped.ended]);
    expect(plain.chunks.length).toBeGreaterThan(5);
    expect(grouped.chunks.length).toBe(1);
    expect(grouped.chunks.join("")).toBe(plain.chunks.join(""));
  });

  it("still streams: the shell is sent before a suspended part resolves, the rest when it does", async () => {
    let resolve!: () => void;
    let ready = false;
    const data = new Promise<void>((r) => (resolve = r)).then(() => {
      ready = true;
    });
    function Late() {
      if (!ready) throw data;
      return createElement("p", null, "late content");
    }
    const sink = new FlushGroupingStream();
    const { chunks, next, ended } = collect(sink);
    const { pipe } = renderToPipeableStream(
      createElement("main", null, createElement("h1", null, "shell"), createElement("ul", null, rows(100)), createElement(Suspense, { fallback: "loading" }, createElement(Late))),
      { onShellReady: () => pipe(sink) },
    );
    await next(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toContain("<h1>shell</h1>");
    expect(chunks[0]).toContain("row 99");
    expect(chunks[0]).not.toContain("late content");
    resolve();
    await ended;
    expect(chunks).toHaveLength(2);
    expect(chunks[1]).toContain("late content");
  });
});
