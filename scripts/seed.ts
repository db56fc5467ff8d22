// `npm run seed` (demo content, idempotent) and `npm run seed -- --practices N` (also N generated
// practices with their owners, threads and replies; `--synthetic N` is the same). Everything the
// seed writes goes through the search outbox, so a running hub indexes it within seconds.
import { runWithServices } from "./lib/run.ts";
import { seedDemo } from "./seed/seed.ts";
import { seedSynthetic } from "./seed/synthetic.ts";

const args = process.argv.slice(2);
const flag = args.findIndex((a) => a === "--practices" || a === "--synthetic");
const count = flag >= 0 ? Number(args[flag + 1]) : 0;
if (flag >= 0 && !(Number.isInteger(count) && count > 0 && count <= 1_000_000)) {
  console.error("Usage: npm run seed -- [--practices N]   (N between 1 and 1000000)");
  process.exit(2);
}

await runWithServices("seed", async () => {
  await seedDemo();
  if (count) {
    let shown = 0;
    const r = await seedSynthetic(count, {
      onProgress: (done) => {
        if (done - shown >= 2000 || done === count) {
          shown = done;
          console.log(`[seed] synthetic practices: ${done}/${count}`);
        }
      },
    });
    console.log(
      `[seed] ${r.practices} practices (${r.published} published), ${r.threads} threads, ${r.replies} replies, ${r.users} accounts in ${r.seconds.toFixed(1)} s; ${r.outbox} search outbox entries`,
    );
  }
  console.log("[seed] done. A running hub indexes the new content within seconds (its search outbox); `npm start` does on its next start.");
});
