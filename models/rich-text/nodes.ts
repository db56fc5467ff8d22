// The node types the hub's rich text allows. Shared by the browser editor and the server
// validator/renderer so both agree on what a document may contain.
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import { ListItemNode, ListNode } from "@lexical/list";
import { LinkNode } from "@lexical/link";

export const richTextNodes = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode];

export const allowedNodeTypes = new Set([
  "root",
  "paragraph",
  "text",
  "linebreak",
  "tab",
  "heading",
  "quote",
  "list",
  "listitem",
  "link",
]);
export const allowedHeadingTags = new Set(["h2", "h3", "h4"]);
export const allowedLinkSchemes = ["http:", "https:", "mailto:"];

export const MAX_RICH_TEXT_BYTES = 100_000;
export const MAX_RICH_TEXT_DEPTH = 12;
