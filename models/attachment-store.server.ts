// The bytes of attachments, in GridFS (bucket `attachments`: collections attachments.files and
// attachments.chunks), so they scale and back up with the database (decision 043). A file's
// metadata names its practice, so serving it is two `_id` lookups.
import { Readable } from "node:stream";
import mongoose, { Types } from "mongoose";
import { connectDb } from "./db.server";

export const ATTACHMENT_BUCKET = "attachments";

export interface StoredFileMeta {
  practiceId: Types.ObjectId;
  /** For a thumbnail: the attachment it shows. */
  thumbOf?: Types.ObjectId;
  contentType: string;
}

export interface StoredFile {
  _id: Types.ObjectId;
  length: number;
  filename: string;
  uploadDate: Date;
  metadata?: StoredFileMeta;
}

async function bucket() {
  const m = await connectDb();
  return new mongoose.mongo.GridFSBucket(m.connection.db!, { bucketName: ATTACHMENT_BUCKET });
}

/** Stores bytes; resolves with the new file's id once every chunk is written. */
export async function storeFile(bytes: Uint8Array, filename: string, metadata: StoredFileMeta): Promise<Types.ObjectId> {
  const b = await bucket();
  const id = new Types.ObjectId();
  await new Promise<void>((resolve, reject) => {
    const up = b.openUploadStreamWithId(id, filename, { metadata, chunkSizeBytes: 255 * 1024 });
    up.once("finish", () => resolve());
    up.once("error", reject);
    up.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
  return id;
}

export async function findStoredFile(id: Types.ObjectId): Promise<StoredFile | null> {
  const b = await bucket();
  const [f] = await b.find({ _id: id }, { limit: 1 }).toArray();
  return (f as unknown as StoredFile | undefined) ?? null;
}

/** The file's bytes as a stream (errors surface on the stream). */
export async function openStoredFile(id: Types.ObjectId): Promise<Readable> {
  const b = await bucket();
  return b.openDownloadStream(id);
}

/** Deletes files; ids already gone are fine (a retried removal). */
export async function deleteStoredFiles(ids: (Types.ObjectId | null | undefined)[]) {
  const b = await bucket();
  for (const id of ids) {
    if (!id) continue;
    try {
      await b.delete(id);
    } catch (e) {
      if (!/not found|FileNotFound/i.test(String((e as Error).message))) throw e;
    }
  }
}
