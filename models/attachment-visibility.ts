// Which of a practice's files the public sees (decision 043): those a publication approved (added
// before the practice's content was last published), and only while it is published. Pure.
import type { Types } from "mongoose";
import { attachmentHref, attachmentKindInfo, formatBytes, type AttachmentKind } from "./attachment-rules";
import type { PracticeDoc } from "./practice.server";

export interface Attachment {
  fileId: Types.ObjectId;
  thumbId: Types.ObjectId | null;
  name: string;
  kind: AttachmentKind;
  size: number;
  alt: string;
  width: number | null;
  height: number | null;
  addedAt: Date;
  addedBy: Types.ObjectId;
}

export function attachmentsOf(p: { attachments?: unknown }): Attachment[] {
  return ((p.attachments ?? []) as unknown as Attachment[]).slice();
}

/** When a publication last approved the practice's content (files added before it are public). */
function approvedAt(p: Pick<PracticeDoc, "status" | "publishedAt"> & { contentUpdatedAt?: Date | null }): Date | null {
  if (p.status !== "published") return null;
  return p.contentUpdatedAt ?? p.publishedAt ?? null;
}

/** The files the public sees: those a publication approved, on a published practice. */
export function publicAttachments(p: Pick<PracticeDoc, "status" | "publishedAt"> & { attachments?: unknown } & { contentUpdatedAt?: Date | null }): Attachment[] {
  const at = approvedAt(p);
  if (!at) return [];
  return attachmentsOf(p).filter((a) => new Date(a.addedAt).getTime() <= at.getTime());
}

/** True when an attachment still waits for a publication to approve it. */
export function awaitingReview(p: Pick<PracticeDoc, "status" | "publishedAt"> & { contentUpdatedAt?: Date | null }, a: Attachment): boolean {
  const at = approvedAt(p);
  return !at || new Date(a.addedAt).getTime() > at.getTime();
}

/** The public cover image, if the chosen cover is public. */
export function publicCover(p: Pick<PracticeDoc, "status" | "publishedAt"> & { attachments?: unknown; coverFileId?: unknown } & { contentUpdatedAt?: Date | null }): Attachment | null {
  if (!p.coverFileId) return null;
  return publicAttachments(p).find((a) => String(a.fileId) === String(p.coverFileId)) ?? null;
}


/** A practice's files as its owner's page and the review page list them (every file, marked). */
export function attachmentRows(p: Pick<PracticeDoc, "status" | "publishedAt"> & { attachments?: unknown; coverFileId?: unknown; contentUpdatedAt?: Date | null }, locale: string) {
  return attachmentsOf(p).map((a) => ({
    id: String(a.fileId),
    name: a.name,
    kind: a.kind,
    image: attachmentKindInfo[a.kind].image,
    size: formatBytes(a.size, locale),
    alt: a.alt,
    href: attachmentHref(String(a.fileId), a.name),
    thumb: a.thumbId ? attachmentHref(String(a.thumbId), "thumb.webp") : null,
    width: a.width,
    height: a.height,
    cover: String(p.coverFileId ?? "") === String(a.fileId),
    awaiting: awaitingReview(p, a),
  }));
}
