// What a practice may carry as files (decision 043): the accepted types (decided by content, the
// name's extension must agree), the size and count limits, and safe download names. Pure, so the
// upload form can state the same rules the server applies.

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Longest side of a stored image (larger ones are scaled down when re-encoded). */
export const MAX_IMAGE_SIDE = 2400;
/** Width of the thumbnail shown on cards. */
export const THUMB_WIDTH = 640;
export const MAX_ALT_LENGTH = 300;

export const attachmentKinds = ["pdf", "docx", "xlsx", "png", "jpeg", "webp"] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

interface KindInfo {
  mime: string;
  extensions: readonly string[];
  image: boolean;
}

export const attachmentKindInfo: Record<AttachmentKind, KindInfo> = {
  pdf: { mime: "application/pdf", extensions: ["pdf"], image: false },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"], image: false },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], image: false },
  png: { mime: "image/png", extensions: ["png"], image: true },
  jpeg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"], image: true },
  webp: { mime: "image/webp", extensions: ["webp"], image: true },
};

/** For the file input's `accept` attribute. */
export const acceptAttribute = attachmentKinds.flatMap((k) => [attachmentKindInfo[k].mime, ...attachmentKindInfo[k].extensions.map((e) => `.${e}`)]).join(",");

export function isAttachmentKind(s: unknown): s is AttachmentKind {
  return typeof s === "string" && (attachmentKinds as readonly string[]).includes(s);
}

/** The kind the content was detected as (file-type's MIME type), if the hub accepts it. */
export function kindOfMime(mime: string | undefined): AttachmentKind | null {
  if (!mime) return null;
  return attachmentKinds.find((k) => attachmentKindInfo[k].mime === mime) ?? null;
}

/** The lower-case extension of a file name ("" without one). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/** True when the name's extension is one the detected kind goes by (a PNG named `.pdf` is not). */
export function extensionMatches(name: string, kind: AttachmentKind): boolean {
  return attachmentKindInfo[kind].extensions.includes(extensionOf(name));
}

/**
 * A download name: the base name the member gave (no directories, control or bidi characters,
 * quotes or reserved punctuation), at most 120 characters, with the kind's own extension.
 */
export function safeFileName(name: string, kind: AttachmentKind): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/\.[^.]*$/, "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff"*:<>?|;%]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .slice(0, 120)
    .trim();
  return `${base || "file"}.${attachmentKindInfo[kind].extensions[0]}`;
}

/** "2.4 MB", "830 kB", "120 B" in the page's locale. */
export function formatBytes(bytes: number, locale: string): string {
  const fmt = (n: number, unit: string) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n)} ${unit}`;
  if (bytes >= 1024 * 1024) return fmt(bytes / (1024 * 1024), "MB");
  if (bytes >= 1024) return fmt(bytes / 1024, "kB");
  return fmt(bytes, "B");
}

/** The path a file is served from (the name is for people; the id decides). */
export function attachmentHref(fileId: string, name: string): string {
  return `/files/${fileId}/${encodeURIComponent(name)}`;
}
