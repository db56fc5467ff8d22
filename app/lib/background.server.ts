// The registry lives in models/background.server.ts (search/ registers its worker there without
// reaching up into app/); app/entry.server.tsx starts it through this path. The mail worker
// renders with the app's translations, so it is registered here.
import { registerBackgroundWork } from "../../models/background.server";
import { startMailWorker, stopMailWorker } from "~/mail/worker.server";

registerBackgroundWork(startMailWorker, stopMailWorker);
export { startBackgroundWork } from "../../models/background.server";
