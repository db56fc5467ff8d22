// Environment for the app process, derived from the provisioned services.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Services } from "./services.ts";

export function applyServiceEnv(services: Services, dataDir: string) {
  process.env.MONGODB_URI = services.mongoUri;
  process.env.MEILI_HOST = services.meiliHost;
  process.env.MEILI_MASTER_KEY = services.meiliKey;
  process.env.SMTP_URL = services.smtpUrl;
  if (services.mailUi) process.env.MAILPIT_URL = services.mailUi;
  if (!process.env.SESSION_SECRET) {
    const file = path.join(dataDir, "session-secret");
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
  }
}
