// React 18.3.1's renderToPipeableStream copied its whole 2,048-byte buffer to the socket when a
// multi-byte character did not fit at its end, so pages carried U+0000 bytes at some 2 KiB
// boundaries (decision 011, patches/npm/react-dom+18.3.1.patch). This renders text that puts an
// accented character across every possible buffer offset and checks the bytes.
import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

function render(children: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (c: Buffer) => chunks.push(c));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(
      createElement(
        "ul",
        null,
        children.map((c, i) => createElement("li", { key: i }, c)),
      ),
      { onAllReady: () => pipe(sink), onError: reject },
    );
  });
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

describe("server rendering writes valid UTF-8", () => {
  it("never emits NUL or a broken sequence at a buffer boundary, whatever the offset", async () => {
    for (let offset = 0; offset < 12; offset++) {
      const items = ["x".repeat(offset), ...Array.from({ length: 120 }, (_, i) => `pa${"í".repeat(1 + (i % 3))}ses · ${"é".repeat(i % 5)} — ${"中".repeat(i % 4)} ${i}`)];
      const bytes = await render(items);
      expect(bytes.includes(0), `NUL byte at offset ${offset}`).toBe(false);
      const text = strictUtf8.decode(bytes);
      expect(text).toContain("países · ");
      expect(text).toContain(`中中中 119`);
    }
  });
});
