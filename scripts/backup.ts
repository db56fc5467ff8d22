// `npm run backup [-- --out DIR]`: writes the whole database (GridFS files included) into a dated,
// checksummed archive (models/backup.server.ts), while the hub runs. Reuses the services of a
// running hub, or starts them like `npm run seed`.
import mongoose from "mongoose";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { backupFileName, writeBackup } from "../models/backup.server.ts";
import { runWithServices } from "./lib/run.ts";
import { ROOT } from "./lib/services.ts";

const i = process.argv.indexOf("--out");
const dir = path.resolve(i > 0 && process.argv[i + 1] ? process.argv[i + 1] : process.env.HUB_BACKUP_DIR ?? path.join(ROOT, "backups"));

await runWithServices("backup", async () => {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupFileName());
  const started = Date.now();
  const r = await writeBackup(mongoose.connection.db!, file, (name, count) => console.log(`[backup] ${name}: ${count} documents`));
  console.log(`[backup] ${r.documents} documents in ${r.collections.length} collections, ${(r.bytes / 1024 / 1024).toFixed(1)} MB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`[backup] ${r.file}`);
  console.log(`[backup] sha256 ${r.sha256} (also in ${path.basename(r.file)}.sha256)`);
});
