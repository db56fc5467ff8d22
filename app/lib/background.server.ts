// The registry lives in models/background.server.ts (search/ registers its worker there without
// reaching up into app/); app/entry.server.tsx starts it through this path. The mail worker
// renders with the app's translations, so it is registered here, and the counter repair beside it.
import { registerBackgroundWork } from "../../models/background.server";
import { startMailWorker, stopMailWorker } from "~/mail/worker.server";
import { startCounterRepair, stopCounterRepair } from "../../models/notification-counts.server";

registerBackgroundWork(startMailWorker, stopMailWorker);
registerBackgroundWork(startCounterRepair, stopCounterRepair);
export { startBackgroundWork } from "../../models/background.server";
