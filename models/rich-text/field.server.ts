// Reading a rich-text field from a form. With JavaScript the editor posts `<name>State`
// (Lexical JSON); without it the textarea posts `<name>` as plain text. Either way the
// server renders and sanitizes (models/rich-text/render.server.ts).
import { renderRichText, richTextFromPlain, RichTextError, type RichText } from "./render.server";

export type RichTextFieldResult =
  | { ok: true; value: RichText; empty: boolean }
  | { ok: false; error: "invalid" | "too-large"; plain: string; state: string };

export const MAX_PLAIN_TEXT = 20_000;

export function readRichTextField(form: FormData, name: string): RichTextFieldResult {
  const stateRaw = form.get(`${name}State`);
  const plainRaw = form.get(name);
  const state = typeof stateRaw === "string" ? stateRaw.trim() : "";
  const plain = typeof plainRaw === "string" ? plainRaw : "";
  try {
    if (state) {
      const value = renderRichText(state);
      return { ok: true, value, empty: value.text.trim() === "" };
    }
    if (plain.length > MAX_PLAIN_TEXT) return { ok: false, error: "too-large", plain, state: "" };
    const value = richTextFromPlain(plain);
    return { ok: true, value, empty: value.text.trim() === "" };
  } catch (e) {
    const code = e instanceof RichTextError && e.code === "too-large" ? "too-large" : "invalid";
    return { ok: false, error: code, plain, state };
  }
}
