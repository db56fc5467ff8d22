// The registry lives in models/background.server.ts (search/ registers its worker there without
// reaching up into app/); app/entry.server.tsx starts it through this path.
export { startBackgroundWork } from "../../models/background.server";
