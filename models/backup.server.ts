// Backups of the whole database (issue 15, item 4): every collection — GridFS files included —
// as canonical Extended JSON lines in one gzip archive, with a SHA-256 per collection inside and
// a `sha256sum`-style file beside it; restore checks everything before it writes anything, loads
// into an empty database only, and recreates the indexes. Taken while the hub runs: each
// collection is read with one cursor (no multi-document snapshot exists on FerretDB), so a write
// made during the backup may or may not be in it — never half of one document.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { BSON, type Db, type Document } from "mongodb";

const { EJSON } = BSON;

export const BACKUP_FORMAT = "migration-practice-hub-backup";
const VERSION = 1;

type Line =
  | { format: string; version: number; createdAt: string; database: string }
  | { collection: string; indexes: Document[] }
  | { d: Document }
  | { end: string; count: number; sha256: string }
  | { complete: true; collections: number; documents: number };

export interface BackupSummary {
  file: string;
  collections: { name: string; count: number; sha256: string }[];
  documents: number;
  bytes: number;
  sha256: string;
}

const stringify = (v: unknown) => EJSON.stringify(v as Document, { relaxed: false });

/** A dated archive name: hub-backup-2026-12-04T19-00-00Z.jsonl.gz */
export function backupFileName(at = new Date()): string {
  return `hub-backup-${at.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-")}.jsonl.gz`;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** Writes every collection of `db` to `file` (written as `file.partial`, renamed when complete). */
export async function writeBackup(db: Db, file: string, onCollection?: (name: string, count: number) => void): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (line: Line) => {
    if (!gzip.write(`${stringify(line)}\n`)) await once(gzip, "drain");
  };
  await write({ format: BACKUP_FORMAT, version: VERSION, createdAt: new Date().toISOString(), database: db.databaseName });
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith("system.")).sort();
  const collections: BackupSummary["collections"] = [];
  let documents = 0;
  for (const name of names) {
    const coll = db.collection(name);
    const indexes = (await coll.listIndexes().toArray()).filter((i) => i.name !== "_id_");
    await write({ collection: name, indexes });
    const h = createHash("sha256");
    let count = 0;
    for await (const doc of coll.find({}, { batchSize: 500 })) {
      const text = stringify(doc);
      h.update(text).update("\n");
      if (!gzip.write(`{"d":${text}}\n`)) await once(gzip, "drain");
      count++;
    }
    const sha256 = h.digest("hex");
    await write({ end: name, count, sha256 });
    collections.push({ name, count, sha256 });
    documents += count;
    onCollection?.(name, count);
  }
  await write({ complete: true, collections: collections.length, documents });
  gzip.end();
  await once(out, "close");
  renameSync(partial, file);
  const sha256 = await sha256File(file);
  writeFileSync(`${file}.sha256`, `${sha256}  ${path.basename(file)}\n`);
  const bytes = readFileSync(file).byteLength;
  return { file, collections, documents, bytes, sha256 };
}

export class BackupError extends Error {}

async function* readLines(file: string): AsyncGenerator<Line> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const raw of rl) {
    if (!raw) continue;
    let parsed: Line;
    try {
      parsed = EJSON.parse(raw, { relaxed: false }) as Line;
    } catch {
      throw new BackupError("the archive holds a line that is not Extended JSON");
    }
    yield parsed;
  }
}

/** Checks an archive end to end (whole-file checksum, per-collection checksums and counts). */
export async function verifyBackup(file: string): Promise<{ collections: { name: string; count: number }[]; documents: number }> {
  if (!existsSync(file)) throw new BackupError(`no such archive: ${file}`);
  const sumFile = `${file}.sha256`;
  if (existsSync(sumFile)) {
    const want = readFileSync(sumFile, "utf8").trim().split(/\s+/)[0];
    if (want !== (await sha256File(file))) throw new BackupError("the archive does not match its .sha256 file");
  }
  let header = false;
  let complete = false;
  let current: { name: string; h: ReturnType<typeof createHash>; count: number } | null = null;
  const collections: { name: string; count: number }[] = [];
  try {
    for await (const line of readLines(file)) {
      if (!header) {
        if (!("format" in line) || line.format !== BACKUP_FORMAT || Number(line.version) !== VERSION) throw new BackupError("not a backup of this hub (unknown format or version)");
        header = true;
      } else if ("collection" in line) {
        if (current) throw new BackupError(`collection ${current.name} is not closed`);
        current = { name: line.collection, h: createHash("sha256"), count: 0 };
      } else if ("d" in line) {
        if (!current) throw new BackupError("a document outside any collection");
        current.h.update(stringify(line.d)).update("\n");
        current.count++;
      } else if ("end" in line) {
        if (!current || current.name !== line.end) throw new BackupError(`unexpected end of ${line.end}`);
        if (current.count !== Number(line.count) || current.h.digest("hex") !== line.sha256) throw new BackupError(`collection ${line.end} does not match its checksum`);
        collections.push({ name: current.name, count: current.count });
        current = null;
      } else if ("complete" in line) {
        complete = !current && Number(line.collections) === collections.length;
      }
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`the archive cannot be read (${(e as Error).message})`);
  }
  if (!header || !complete) throw new BackupError("the archive is incomplete");
  return { collections, documents: collections.reduce((n, c) => n + c.count, 0) };
}

/** Loads a verified archive into `db`, which must hold no documents; recreates the indexes. */
export async function restoreBackup(db: Db, file: string, onCollection?: (name: string, count: number) => void): Promise<{ collections: number; documents: number }> {
  const checked = await verifyBackup(file);
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (c.name.startsWith("system.")) continue;
    if ((await db.collection(c.name).estimatedDocumentCount()) > 0) throw new BackupError(`the database ${db.databaseName} is not empty (collection ${c.name}); restore into an empty database`);
  }
  let batch: Document[] = [];
  let name = "";
  let indexes: Document[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length) await db.collection(name).insertMany(batch, { ordered: true });
    batch = [];
  };
  for await (const line of readLines(file)) {
    if ("collection" in line) {
      name = line.collection;
      indexes = line.indexes;
      count = 0;
      await db.createCollection(name).catch(() => undefined);
    } else if ("d" in line) {
      batch.push(line.d);
      count++;
      if (batch.length >= 200) await flush();
    } else if ("end" in line) {
      await flush();
      for (const ix of indexes) {
        const { key, name: ixName, v: _v, ns: _ns, ...options } = ix as { key: Document; name: string; v?: number; ns?: string };
        await db.collection(name).createIndex(key, { ...options, name: ixName });
      }
      onCollection?.(name, count);
    }
  }
  return { collections: checked.collections.length, documents: checked.documents };
}
