// Text and attribute values escaped for HTML, as React escapes them (so markup built as a string
// is what React would render): the one escaper of the hub's hand-built HTML (search highlights,
// mail, the country list's no-JavaScript markup).
const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => entities[c]);
}
