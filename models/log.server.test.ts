import { describe, expect, it } from "vitest";
import { requestMemo, runInRequest } from "./log.server";

describe("requestMemo", () => {
  it("runs a lookup once per request and key, and again for another request or key", async () => {
    let calls = 0;
    const lookup = () => requestMemo("user:a", async () => ++calls);
    const first = await runInRequest({ id: "r1" }, async () => [await lookup(), await lookup(), await Promise.resolve().then(lookup)]);
    expect(first).toEqual([1, 1, 1]);
    expect(await runInRequest({ id: "r2" }, lookup)).toBe(2);
    expect(await runInRequest({ id: "r3" }, () => requestMemo("user:b", async () => ++calls))).toBe(3);
  });

  it("outside a request, looks up every time", async () => {
    let calls = 0;
    requestMemo("k", () => ++calls);
    requestMemo("k", () => ++calls);
    expect(calls).toBe(2);
  });
});
