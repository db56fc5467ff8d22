import { describe, expect, it, vi } from "vitest";
import { renderRichText, RichTextError, richTextFromPlain, sanitize, stateFromPlainText } from "./render.server";

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

  it("renders an empty document as empty, quietly", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(richTextFromPlain("  \n\n ")).toEqual({ state: "", html: "", text: "" });
      expect(renderRichText(stateFromPlainText("")).html).toBe("");
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
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

  it("refuses hostile structures: deep nesting, non-array children, unknown nodes, h5, bad link URLs", () => {
    let deep: object = text("x");
    for (let i = 0; i < 20; i++) deep = { type: "quote", version: 1, direction: null, format: "", indent: 0, children: [deep] };
    expect(() => renderRichText(withNode(deep))).toThrow(RichTextError);
    expect(() => renderRichText(withNode({ type: "paragraph", version: 1, children: "<script>" }))).toThrow(RichTextError);
    for (const type of ["image", "code", "table", "iframe", "script", "autolink", "mark"]) {
      expect(() => renderRichText(withNode({ type, version: 1, children: [] })), type).toThrow(RichTextError);
    }
    expect(() => renderRichText(withNode({ type: "heading", tag: "h5", version: 1, children: [text("x")] }))).toThrow(RichTextError);
    expect(() => renderRichText(withNode({ type: "heading", tag: "script", version: 1, children: [text("x")] }))).toThrow(RichTextError);
    for (const url of ["vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "java\tscript:alert(1)", 42]) {
      const node = para([{ type: "link", url, version: 1, rel: null, target: null, title: null, direction: null, format: "", indent: 0, children: [text("x")] }]);
      expect(() => renderRichText(withNode(node)), String(url)).toThrow(RichTextError);
    }
    expect(() => renderRichText(JSON.stringify([1, 2]))).toThrow(RichTextError);
    expect(() => renderRichText("null")).toThrow(RichTextError);
  });

  it("drops styles, classes, targets and injected attributes from allowed nodes", () => {
    const state = withNode(
      para([
        { type: "text", version: 1, text: "styled", detail: 0, format: 3, mode: "normal", style: "background:url(javascript:alert(1));color:red" },
        { type: "link", url: 'https://example.org/"onmouseover="alert(1)', version: 1, rel: "opener", target: "_blank", title: '" onclick="alert(1)', direction: null, format: "", indent: 0, children: [text("l")] },
      ]),
    );
    const r = renderRichText(state);
    // Quotes in the URL stay inside the href value (entity-encoded): no attribute is injected.
    expect(r.html).not.toMatch(/\s(style|class|target|title|onmouseover|onclick)=/i);
    expect(r.html).not.toContain("javascript:");
    expect(r.html).toContain("&quot;onmouseover=&quot;");
    expect(r.html).toContain("<strong>");
    expect(r.html).toContain("<em>");
    expect(r.html).toMatch(/<a href="https:\/\/example\.org\/[^"]*" rel="nofollow noopener noreferrer ugc">l<\/a>/);
  });

  it("keeps mailto links and h2–h4 headings and quotes", () => {
    const r = renderRichText(
      withNode({ type: "heading", tag: "h3", version: 1, direction: null, format: "", indent: 0, children: [text("Sub")] }),
    );
    expect(r.html).toContain("<h3>Sub</h3>");
    const q = renderRichText(withNode({ type: "quote", version: 1, direction: null, format: "", indent: 0, children: [text("Q")] }));
    expect(q.html).toContain("<blockquote>Q</blockquote>");
    const m = renderRichText(withNode(para([{ type: "link", url: "mailto:a@example.org", version: 1, rel: null, target: null, title: null, direction: null, format: "", indent: 0, children: [text("mail")] }])));
    expect(m.html).toContain('href="mailto:a@example.org"');
  });

  it("sanitizer neutralizes classic XSS payloads in any HTML", () => {
    const payloads = [
      '<svg onload="alert(1)"><circle/></svg>',
      '<img src=x onerror="alert(1)">',
      "<style>body{background:url(javascript:alert(1))}</style>",
      '<a href="jav&#x61;script:alert(1)">x</a>',
      '<a href=" javascript:alert(1)">x</a>',
      '<a href="vbscript:msgbox(1)">x</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
      '<p style="background:url(javascript:alert(1))">p</p>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
      '<form action="javascript:alert(1)"><button>b</button></form>',
      '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
      '<h1 onmouseover="alert(1)">t</h1><h2 onclick="x()">t</h2>',
    ];
    for (const p of payloads) {
      const out = sanitize(p);
      expect(out, p).not.toMatch(/<(script|svg|img|style|iframe|object|embed|form|math|h1)\b/i);
      expect(out, p).not.toMatch(/\son\w+=/i);
      expect(out, p).not.toMatch(/(javascript|vbscript|data):/i);
      expect(out, p).not.toMatch(/style=/i);
    }
  });
});
