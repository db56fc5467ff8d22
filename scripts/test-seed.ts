// Seeds the test database (used by scripts/test.ts with the test services' environment).
import { connectBatchDb, disconnectDb } from "../models/db.server.ts";
import { seedDemo } from "./seed/seed.ts";

await connectBatchDb(process.env.MONGODB_URI);
await seedDemo((s) => console.log(`[test]   ${s}`));
await disconnectDb();
