// The checked patch of @web3-storage/multipart-parser 1.0.0 (decision 048): file names with `=`
// or `;` — which browsers send as they are — reach the upload instead of failing the whole form,
// and headers that really are malformed are still refused.
import { describe, expect, it } from "vitest";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

async function nameOf(filename: string) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new Blob(["%PDF-1.4"]), filename);
  const parsed = await unstable_parseMultipartFormData(new Request("http://hub.test/", { method: "POST", body: form }), unstable_createMemoryUploadHandler({ maxPartSize: 1e6 }));
  const file = parsed.get("file");
  expect(parsed.get("intent")).toBe("upload");
  return typeof file === "object" && file ? (file as File).name : null;
}

function raw(disposition: string) {
  const body = `--b\r\nContent-Disposition: ${disposition}\r\n\r\nvalue\r\n--b--\r\n`;
  return unstable_parseMultipartFormData(
    new Request("http://hub.test/", { method: "POST", body, headers: { "Content-Type": "multipart/form-data; boundary=b" } }),
    unstable_createMemoryUploadHandler({ maxPartSize: 1e6 }),
  );
}

describe("multipart file names", () => {
  it.each(["a=b.pdf", "budget; final.pdf", "x'y.pdf", "plain.pdf", "Évaluation 2024.pdf", "q=1;r=2.pdf"])("keeps %s", async (name) => {
    expect(await nameOf(name)).toBe(name);
  });

  it("reads quoted and unquoted parameters, escapes included", async () => {
    expect((await raw('form-data; name="a"')).get("a")).toBe("value");
    expect((await raw("form-data; name=a")).get("a")).toBe("value");
    expect((await raw('form-data; name="we\\"ird"')).get('we"ird')).toBe("value");
  });

  it("still refuses malformed headers", async () => {
    await expect(raw('form-data; name="a')).rejects.toThrow(/malformed/);
    await expect(raw('attachment; name="a"')).rejects.toThrow(/malformed/);
    await expect(raw('form-data; filename="x.pdf"')).rejects.toThrow(/missing field name/);
  });
});
