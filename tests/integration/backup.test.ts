// Backup and restore (issue 15, item 4): a backup taken while the hub is being written to holds
// every collection (GridFS files included), is checked before anything is restored, and restores
// into an empty database as an identical copy, indexes included.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { BSON, type Db } from "mongodb";
import { BackupError, restoreBackup, verifyBackup, writeBackup } from "../../models/backup.server";
import { Client, demo } from "../helpers/http";
import { db, newMemberDraft, unique } from "./practice-fixtures";

const dir = mkdtempSync(path.join(tmpdir(), "hub-backup-"));
let source: Db;
let target: Db;
let member: Client;

beforeAll(async () => {
  await db();
  source = mongoose.connection.db!;
  target = mongoose.connection.getClient().db(`hub_restore_${unique()}`);
  member = await new Client().login(demo.member);
});
afterAll(async () => {
  await target.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const canonical = (d: unknown) => BSON.EJSON.stringify(d as BSON.Document, { relaxed: false });
async function documents(d: Db, name: string) {
  const docs = await d.collection(name).find({}).toArray();
  return docs.map(canonical).sort();
}

describe("backup and restore", () => {
  it("a backup taken under writes restores to an identical database", async () => {
    // a file in GridFS, so the archive must carry binary chunks
    const id = await newMemberDraft(member, `Backed up ${unique()}`);
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new Blob([new TextEncoder().encode(`%PDF-1.4\n% ${unique()}\n%%EOF\n`)]), "report.pdf");
    expect((await member.postMultipart(`/practices/${id}/attachments`, form)).status).toBe(302);
    const before = (await source.collection("practices").find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id));

    // writes keep arriving while the backup runs
    let writing = true;
    const load = (async () => {
      let n = 0;
      while (writing && n < 40) {
        await newMemberDraft(member, `During backup ${unique()}`);
        await member.get("/practices");
        n++;
      }
      return n;
    })();
    const file = path.join(dir, "hub.jsonl.gz");
    const summary = await writeBackup(source, file);
    writing = false;
    expect(await load).toBeGreaterThan(0);

    const names = summary.collections.map((c) => c.name);
    for (const n of ["practices", "users", "attachments.files", "attachments.chunks", "auditentries"]) expect(names).toContain(n);
    expect(readFileSync(`${file}.sha256`, "utf8")).toMatch(new RegExp(`^${summary.sha256}  hub.jsonl.gz\\n$`));

    await restoreBackup(target, file);
    // identical: every collection, document for document, with the indexes
    const archived = new Map<string, string[]>();
    for (const line of gunzipSync(readFileSync(file)).toString("utf8").split("\n")) {
      if (!line) continue;
      const v = BSON.EJSON.parse(line, { relaxed: false }) as { collection?: string; d?: unknown };
      if (v.collection) archived.set(v.collection, []);
      else if (v.d) [...archived.values()].at(-1)!.push(canonical(v.d));
    }
    for (const { name, count } of summary.collections) {
      const restored = await documents(target, name);
      expect(restored, name).toEqual(archived.get(name)!.sort());
      expect(restored.length, name).toBe(count);
      const ix = (await target.collection(name).listIndexes().toArray()).map((i) => i.name).sort();
      const want = (await source.collection(name).listIndexes().toArray()).map((i) => i.name).sort();
      expect(ix, `indexes of ${name}`).toEqual(want);
    }
    const restoredPractices = new Set((await target.collection("practices").find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
    expect(before.every((p) => restoredPractices.has(p))).toBe(true);
    // what nobody wrote during the backup is identical to the live database
    for (const name of ["users", "attachments.files", "attachments.chunks", "spaces"]) {
      expect(await documents(target, name), name).toEqual(await documents(source, name));
    }

    // a second restore into the now non-empty database is refused, and nothing changes
    const count = await target.collection("practices").countDocuments();
    await expect(restoreBackup(target, file)).rejects.toThrow(/not empty/);
    expect(await target.collection("practices").countDocuments()).toBe(count);
  });

  it("refuses a damaged or tampered archive before writing anything", async () => {
    const file = path.join(dir, "small.jsonl.gz");
    await writeBackup(source, file);
    const empty = mongoose.connection.getClient().db(`hub_restore_${unique()}`);
    try {
      // one byte changed: the whole-file checksum no longer matches
      const damaged = path.join(dir, "damaged.jsonl.gz");
      const bytes = readFileSync(file);
      bytes[bytes.length - 20] ^= 0xff;
      writeFileSync(damaged, bytes);
      copyFileSync(`${file}.sha256`, `${damaged}.sha256`);
      await expect(restoreBackup(empty, damaged)).rejects.toBeInstanceOf(BackupError);

      // a document edited and the file re-compressed, without its .sha256: the collection's checksum catches it
      const text = gunzipSync(readFileSync(file)).toString("utf8").replace(/"displayName":"([^"]+)"/, '"displayName":"Mallory"');
      const tampered = path.join(dir, "tampered.jsonl.gz");
      writeFileSync(tampered, gzipSync(text));
      await expect(verifyBackup(tampered)).rejects.toThrow(/does not match its checksum/);
      // cut short: incomplete
      const cut = path.join(dir, "cut.jsonl.gz");
      writeFileSync(cut, gzipSync(text.slice(0, Math.floor(text.length / 2))));
      await expect(verifyBackup(cut)).rejects.toBeInstanceOf(BackupError);
      expect((await empty.listCollections().toArray()).length).toBe(0);
    } finally {
      await empty.dropDatabase().catch(() => undefined);
    }
  });
});
