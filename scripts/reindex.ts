// `npm run reindex`: rebuilds the `practices` and `threads` indexes from MongoDB into fresh
// indexes and swaps them in (no moment without results). Starts the services like `npm run seed`
// does, or reuses those of a running hub.
import cliProgress from "cli-progress";
import { countIndexable, rebuildIndexes } from "../search/reindex.server.ts";
import { runWithServices } from "./lib/run.ts";

await runWithServices("reindex", async () => {
  const total = await countIndexable();
  const bar = new cliProgress.SingleBar(
    { format: "reindex [{bar}] {percentage}% | {value}/{total} documents | {duration}s", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  const r = await rebuildIndexes((done) => bar.update(Math.min(done, total)));
  bar.update(r.practices + r.threads);
  bar.stop();
  const rate = Math.round((r.practices + r.threads) / Math.max(r.seconds, 0.001));
  console.log(`[reindex] done: ${r.practices} practices and ${r.threads} threads indexed in ${r.seconds.toFixed(1)} s (${rate} documents/s).`);
});
