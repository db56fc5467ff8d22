// `npm run seed` (demo content, idempotent) and `npm run seed -- --synthetic N`.
import cliProgress from "cli-progress";
import { User } from "../models/user.server.ts";
import { runWithServices } from "./lib/run.ts";
import { seedDemo } from "./seed/seed.ts";
import { seedSynthetic } from "./seed/synthetic.ts";

const args = process.argv.slice(2);
const synIdx = args.indexOf("--synthetic");
const synthetic = synIdx >= 0 ? Number(args[synIdx + 1]) : 0;
if (synIdx >= 0 && !(Number.isInteger(synthetic) && synthetic > 0 && synthetic <= 1_000_000)) {
  console.error("Usage: npm run seed -- [--synthetic N]   (N between 1 and 1000000)");
  process.exit(2);
}

await runWithServices("seed", async () => {
  await seedDemo();
  if (synthetic) {
    const owner = await User.findOne({}).select("_id").lean();
    const bar = new cliProgress.SingleBar({ format: "synthetic practices [{bar}] {value}/{total}" }, cliProgress.Presets.shades_classic);
    bar.start(synthetic, 0);
    await seedSynthetic(synthetic, String(owner!._id), (d) => bar.update(d));
    bar.stop();
  }
  console.log("[seed] done. The running hub indexes new content within seconds; or run `npm run reindex`.");
});
