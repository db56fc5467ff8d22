// A practice's files (decision 043): checking an upload by its content, re-encoding images
// without their metadata, adding and removing attachments with atomic updates of the practice,
// choosing the cover image, and who may see a file.
import { fileTypeFromBuffer } from "file-type";
import { Types } from "mongoose";
import sharp from "sharp";
import { audit } from "./audit.server";
import {
  attachmentKindInfo,
  extensionMatches,
  kindOfMime,
  MAX_ALT_LENGTH,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_IMAGE_SIDE,
  safeFileName,
  THUMB_WIDTH,
  type AttachmentKind,
} from "./attachment-rules";
import { deleteStoredFiles, findStoredFile, storeFile, type StoredFile } from "./attachment-store.server";
import { connectDb } from "./db.server";
import { changed, updatePractice } from "./practice-store.server";
import { Practice, type PracticeDoc } from "./practice.server";
import { attachmentsOf, publicAttachments, type Attachment } from "./attachment-visibility";
export * from "./attachment-visibility";

export type UploadError = "missing" | "too-large" | "type" | "extension" | "limit" | "alt-required" | "alt-too-long" | "unreadable" | "not-editable";


export interface Upload {
  name: string;
  bytes: Uint8Array;
}

interface Inspected {
  kind: AttachmentKind;
  bytes: Uint8Array;
  width: number | null;
  height: number | null;
  thumb: Uint8Array | null;
}

// Decompression bombs: a 20 MB PNG can claim billions of pixels. 50 megapixels is a large photo.
const MAX_INPUT_PIXELS = 50_000_000;

/** Re-encodes an image in its own format: oriented, at most MAX_IMAGE_SIDE, no EXIF/XMP/ICC text. */
async function reencode(bytes: Uint8Array, kind: AttachmentKind) {
  const img = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
    .rotate()
    .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: "inside", withoutEnlargement: true });
  const out = kind === "png" ? img.png({ compressionLevel: 8 }) : kind === "webp" ? img.webp({ quality: 85 }) : img.jpeg({ quality: 85, mozjpeg: true });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  const thumb = await sharp(data).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
  return { bytes: new Uint8Array(data), width: info.width, height: info.height, thumb: new Uint8Array(thumb) };
}

/** What an upload is, judged by its bytes; refused when the hub does not take it. */
export async function inspectUpload(upload: Upload): Promise<{ ok: true; file: Inspected } | { ok: false; error: UploadError }> {
  if (!upload.bytes.byteLength) return { ok: false, error: "missing" };
  if (upload.bytes.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, error: "too-large" };
  const detected = await fileTypeFromBuffer(upload.bytes).catch(() => undefined);
  const kind = kindOfMime(detected?.mime);
  if (!kind) return { ok: false, error: "type" };
  if (!extensionMatches(upload.name, kind)) return { ok: false, error: "extension" };
  if (!attachmentKindInfo[kind].image) return { ok: true, file: { kind, bytes: upload.bytes, width: null, height: null, thumb: null } };
  try {
    const img = await reencode(upload.bytes, kind);
    return { ok: true, file: { kind, ...img } };
  } catch {
    return { ok: false, error: "unreadable" };
  }
}

export interface AddAttachmentInput {
  upload: Upload;
  alt: string;
  cover: boolean;
  userId: Types.ObjectId | string;
}

/**
 * Adds a file to a practice: checked, stored, then pushed onto the practice with one atomic
 * update that also enforces the limit of MAX_ATTACHMENTS (a parallel upload cannot make it 11).
 * When anything is refused, nothing stays stored.
 */
export async function addAttachment(p: PracticeDoc, input: AddAttachmentInput): Promise<{ ok: true; attachment: Attachment } | { ok: false; error: UploadError }> {
  await connectDb();
  if (attachmentsOf(p).length >= MAX_ATTACHMENTS) return { ok: false, error: "limit" };
  const alt = input.alt.replace(/\s+/g, " ").trim();
  if (alt.length > MAX_ALT_LENGTH) return { ok: false, error: "alt-too-long" };
  const inspected = await inspectUpload(input.upload);
  if (!inspected.ok) return inspected;
  const { file } = inspected;
  const image = attachmentKindInfo[file.kind].image;
  if (image && !alt) return { ok: false, error: "alt-required" };
  const name = safeFileName(input.upload.name, file.kind);
  const fileId = await storeFile(file.bytes, name, { practiceId: p._id, contentType: attachmentKindInfo[file.kind].mime });
  const thumbId = file.thumb ? await storeFile(file.thumb, "thumb.webp", { practiceId: p._id, thumbOf: fileId, contentType: "image/webp" }) : null;
  const attachment: Attachment = {
    fileId,
    thumbId,
    name,
    kind: file.kind,
    size: file.bytes.byteLength,
    alt: image ? alt : "",
    width: file.width,
    height: file.height,
    addedAt: new Date(),
    addedBy: new Types.ObjectId(String(input.userId)),
  };
  const set: Record<string, unknown> = {};
  // the first image becomes the cover unless the member said otherwise; "cover" always wins
  if (image && (input.cover || !p.coverFileId)) set.coverFileId = fileId;
  const ok = await updatePractice(
    { _id: p._id, [`attachments.${MAX_ATTACHMENTS - 1}`]: { $exists: false } },
    { $push: { attachments: attachment }, ...(Object.keys(set).length ? { $set: set } : {}), $inc: { version: 1 } },
  );
  if (!ok) {
    await deleteStoredFiles([fileId, thumbId]);
    return { ok: false, error: "limit" };
  }
  await audit({ actorId: attachment.addedBy, subjectType: "practice", subjectId: p._id, action: "attach", comment: name.slice(0, 300) });
  await changed(p._id);
  return { ok: true, attachment };
}

/**
 * Removes a file from a practice and deletes its bytes; false when it was not there. The array
 * is rewritten only by a conditional update on the practice's version (FerretDB 1.24 applies
 * `$pull` with a condition as a no-op), so a concurrent change makes it re-read, never lose one.
 */
export async function removeAttachment(p: PracticeDoc, fileId: string, userId: Types.ObjectId | string): Promise<boolean> {
  await connectDb();
  let removed: Attachment | null = null;
  for (let attempt = 0; attempt < 8 && !removed; attempt++) {
    const cur = (await Practice.findById(p._id).select("attachments coverFileId version").lean()) as PracticeDoc | null;
    const a = cur ? attachmentsOf(cur).find((x) => String(x.fileId) === fileId) : undefined;
    if (!cur || !a) return false;
    const set: Record<string, unknown> = { attachments: attachmentsOf(cur).filter((x) => x !== a) };
    if (String(cur.coverFileId ?? "") === fileId) set.coverFileId = null;
    if (await updatePractice({ _id: p._id, version: cur.version }, { $set: set, $inc: { version: 1 } })) removed = a;
  }
  if (!removed) return false;
  await deleteStoredFiles([removed.fileId, removed.thumbId]);
  await audit({ actorId: new Types.ObjectId(String(userId)), subjectType: "practice", subjectId: p._id, action: "detach", comment: removed.name.slice(0, 300) });
  await changed(p._id);
  return true;
}

/** Makes one of the practice's images its cover (or none, with null). */
export async function setCover(p: PracticeDoc, fileId: string | null): Promise<boolean> {
  await connectDb();
  if (fileId !== null) {
    const a = attachmentsOf(p).find((x) => String(x.fileId) === fileId);
    if (!a || !attachmentKindInfo[a.kind].image) return false;
    const ok = await updatePractice({ _id: p._id, "attachments.fileId": a.fileId }, { $set: { coverFileId: a.fileId }, $inc: { version: 1 } });
    if (ok) await changed(p._id);
    return ok;
  }
  await updatePractice({ _id: p._id }, { $set: { coverFileId: null }, $inc: { version: 1 } });
  await changed(p._id);
  return true;
}

/** Deletes every file of a practice (when the practice itself is deleted). */
export async function deletePracticeFiles(p: Pick<PracticeDoc, "attachments">) {
  await deleteStoredFiles(attachmentsOf(p).flatMap((a) => [a.fileId, a.thumbId]));
}

export interface ServedFile {
  file: StoredFile;
  attachment: Attachment;
  thumb: boolean;
  /** Public (cacheable by anyone) or only for the practice's owner and moderators. */
  public: boolean;
  practice: PracticeDoc;
}

/** The file behind `/files/:id`, with its practice and whether the public may see it. */
export async function findServedFile(id: string): Promise<ServedFile | null> {
  if (!Types.ObjectId.isValid(id) || !/^[a-f0-9]{24}$/.test(id)) return null;
  await connectDb();
  const file = await findStoredFile(new Types.ObjectId(id));
  const meta = file?.metadata;
  if (!file || !meta?.practiceId) return null;
  const practice = (await Practice.findById(meta.practiceId).lean()) as PracticeDoc | null;
  if (!practice) return null;
  const mainId = String(meta.thumbOf ?? file._id);
  const attachment = attachmentsOf(practice).find((a) => String(a.fileId) === mainId);
  if (!attachment) return null;
  const isPublic = publicAttachments(practice).some((a) => String(a.fileId) === mainId);
  return { file, attachment, thumb: !!meta.thumbOf, public: isPublic, practice };
}
