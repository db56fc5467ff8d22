// `npm run restore -- FILE [--database NAME]`: checks an archive made by `npm run backup`, loads it
// into an empty database (the hub's own, or NAME) and rebuilds the search indexes from it.
import mongoose from "mongoose";
import path from "node:path";
import { restoreBackup } from "../models/backup.server.ts";
import { rebuildIndexes } from "../search/reindex.server.ts";
import { runWithServices } from "./lib/run.ts";

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--database");
const di = args.indexOf("--database");
const database = di >= 0 ? args[di + 1] : undefined;
if (!file) {
  console.error("usage: npm run restore -- hub-backup-….jsonl.gz [--database NAME]");
  process.exit(2);
}

await runWithServices("restore", async () => {
  const db = database ? mongoose.connection.getClient().db(database) : mongoose.connection.db!;
  const started = Date.now();
  const r = await restoreBackup(db, path.resolve(file), (name, count) => console.log(`[restore] ${name}: ${count} documents`));
  console.log(`[restore] ${r.documents} documents in ${r.collections} collections into ${db.databaseName}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!database) {
    const ix = await rebuildIndexes();
    console.log(`[restore] search rebuilt: ${ix.practices} practices and ${ix.threads} threads`);
  } else console.log("[restore] restored into another database: run the hub on it, then `npm run reindex`.");
});
