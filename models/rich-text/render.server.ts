// Write-time rendering of rich text: a Lexical editor state (JSON) is validated against the
// allowed node types, rendered once with headless Lexical, then passed through an allowlist
// sanitizer. Pages only ever show the `html` produced here.
import { createHeadlessEditor } from "@lexical/headless";
import { withDOM } from "@lexical/headless/dom";
import { $generateHtmlFromNodes } from "@lexical/html";
import { $getRoot } from "lexical";
import sanitizeHtml from "sanitize-html";
import {
  allowedHeadingTags,
  allowedLinkSchemes,
  allowedNodeTypes,
  MAX_RICH_TEXT_BYTES,
  MAX_RICH_TEXT_DEPTH,
  richTextNodes,
} from "./nodes";

export interface RichText {
  /** Lexical editor state, serialized: the source of truth. */
  state: string;
  html: string;
  text: string;
}

export class RichTextError extends Error {
  constructor(public code: "too-large" | "invalid-json" | "invalid-structure" | "empty") {
    super(code);
  }
}

type JsonNode = { type?: unknown; children?: unknown; tag?: unknown; url?: unknown; text?: unknown; [k: string]: unknown };

function checkNode(node: unknown, depth: number): void {
  if (depth > MAX_RICH_TEXT_DEPTH) throw new RichTextError("invalid-structure");
  if (!node || typeof node !== "object" || Array.isArray(node)) throw new RichTextError("invalid-structure");
  const n = node as JsonNode;
  if (typeof n.type !== "string" || !allowedNodeTypes.has(n.type)) throw new RichTextError("invalid-structure");
  if (n.type === "heading" && !allowedHeadingTags.has(String(n.tag))) throw new RichTextError("invalid-structure");
  if (n.type === "text" && typeof n.text !== "string") throw new RichTextError("invalid-structure");
  if (n.type === "link") {
    let ok = false;
    try {
      ok = typeof n.url === "string" && allowedLinkSchemes.includes(new URL(n.url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new RichTextError("invalid-structure");
  }
  if (n.children !== undefined) {
    if (!Array.isArray(n.children)) throw new RichTextError("invalid-structure");
    for (const c of n.children) checkNode(c, depth + 1);
  }
}

/** Parses and checks a serialized editor state; throws RichTextError. */
export function validateState(raw: string): { root: JsonNode } {
  if (Buffer.byteLength(raw, "utf8") > MAX_RICH_TEXT_BYTES) throw new RichTextError("too-large");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new RichTextError("invalid-json");
  }
  const root = (parsed as { root?: unknown })?.root as JsonNode | undefined;
  if (!root || root.type !== "root") throw new RichTextError("invalid-structure");
  checkNode(root, 0);
  return { root };
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "code", "ul", "ol", "li", "blockquote", "a", "span"],
  allowedAttributes: { a: ["href", "rel", "target"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { href: attribs.href ?? "", rel: "nofollow noopener noreferrer ugc" },
    }),
    b: "strong",
    i: "em",
  },
  // Lexical wraps formatted text in spans with inline styles/classes; keep the text only.
  exclusiveFilter: () => false,
};

export function sanitize(html: string): string {
  return sanitizeHtml(html, sanitizeOptions)
    .replace(/<span>|<\/span>/g, "")
    .replace(/<br \/>/g, "<br>")
    .replace(/<(strong|em)><\1>([\s\S]*?)<\/\1><\/\1>/g, "<$1>$2</$1>");
}

function makeEditor() {
  return createHeadlessEditor({
    namespace: "hub",
    nodes: richTextNodes,
    onError: (e) => {
      throw e;
    },
  });
}

/** Validates, renders and sanitizes. The returned html is safe to inject. */
export function renderRichText(raw: string): RichText {
  const { root } = validateState(raw);
  // An empty document (an empty section, a blank textarea): nothing to render. Lexical would
  // warn and insert a paragraph for an empty root.
  if (Array.isArray(root.children) && root.children.length === 0) return emptyRichText;
  const editor = makeEditor();
  let state;
  try {
    state = editor.parseEditorState(raw);
  } catch {
    throw new RichTextError("invalid-structure");
  }
  editor.setEditorState(state);
  const text = state.read(() => $getRoot().getTextContent()).trim();
  const html = withDOM(() => state.read(() => $generateHtmlFromNodes(editor, null)));
  return { state: JSON.stringify(state.toJSON()), html: sanitize(html), text };
}

/** Plain text (paragraphs separated by blank lines) → editor state. Used by the no-JS textarea and the seed. */
export function stateFromPlainText(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const para = (t: string) => ({
    type: "paragraph",
    version: 1,
    direction: null,
    format: "",
    indent: 0,
    textFormat: 0,
    textStyle: "",
    children: t.split("\n").flatMap((line, i) => [
      ...(i > 0 ? [{ type: "linebreak", version: 1 }] : []),
      { type: "text", version: 1, text: line, detail: 0, format: 0, mode: "normal", style: "" },
    ]),
  });
  return JSON.stringify({
    root: { type: "root", version: 1, direction: null, format: "", indent: 0, children: paragraphs.map(para) },
  });
}

export function richTextFromPlain(text: string): RichText {
  return renderRichText(stateFromPlainText(text));
}

export const emptyRichText: RichText = { state: "", html: "", text: "" };
