import { describe, expect, it } from "vitest";
import { renderRichText, RichTextError, richTextFromPlain, sanitize, stateFromPlainText } from "./rich-text.server";

const withNode = (node: object) => {
  const s = JSON.parse(stateFromPlainText("intro"));
  s.root.children.push(node);
  return JSON.stringify(s);
};
const text = (t: string) => ({ type: "text", version: 1, text: t, detail: 0, format: 0, mode: "normal", style: "" });
const para = (children: object[]) => ({ type: "paragraph", version: 1, direction: null, format: "", indent: 0, children });

describe("rich text", () => {
  it("renders paragraphs and escapes markup typed as text", () => {
    const r = richTextFromPlain("Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
    expect(r.html).toBe("<p>Hello &lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;img src=x onerror=alert(1)&gt;</p>");
    expect(r.text).toContain("Hello <script>");
  });

  it("refuses javascript: and data: links", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", " javascript:alert(1)"]) {
      const state = withNode(para([{ type: "link", url, version: 1, rel: null, target: null, title: null, direction: null, format: "", indent: 0, children: [text("x")] }]));
      expect(() => renderRichText(state), url).toThrow(RichTextError);
    }
  });

  it("refuses unknown node types, h1 headings, bad JSON and oversized input", () => {
    expect(() => renderRichText(withNode({ type: "html", version: 1, html: "<script>" }))).toThrow(RichTextError);
    expect(() => renderRichText(withNode({ type: "heading", tag: "h1", version: 1, children: [text("x")] }))).toThrow(RichTextError);
    expect(() => renderRichText("{not json")).toThrow(RichTextError);
    expect(() => renderRichText(JSON.stringify({ root: { type: "paragraph" } }))).toThrow(RichTextError);
    expect(() => renderRichText(stateFromPlainText("x".repeat(200_000)))).toThrow(/too-large/);
  });

  it("keeps allowed formatting: headings, lists, links with safe rel", () => {
    const state = withNode({
      type: "list", listType: "bullet", start: 1, tag: "ul", version: 1, direction: null, format: "", indent: 0,
      children: [{ type: "listitem", value: 1, version: 1, direction: null, format: "", indent: 0, children: [{ type: "link", url: "https://example.org/a", version: 1, rel: null, target: null, title: null, direction: null, format: "", indent: 0, children: [text("site")] }] }],
    });
    const r = renderRichText(state);
    expect(r.html).toContain("<ul>");
    expect(r.html).toContain('<a href="https://example.org/a" rel="nofollow noopener noreferrer ugc">site</a>');
  });

  it("sanitizer strips event handlers and scripts from any HTML", () => {
    expect(sanitize('<p onclick="x()">a<script>b</script><iframe src="//e"></iframe></p>')).toBe("<p>a</p>");
    expect(sanitize('<a href="javascript:alert(1)">x</a>')).not.toContain("javascript:");
  });
});
