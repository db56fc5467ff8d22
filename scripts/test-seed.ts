// Seeds the test database (used by scripts/test.ts with the test services' environment).
import { BATCH_SOCKET_TIMEOUT_MS, connectDb, disconnectDb } from "../models/db.server.ts";
import { seedDemo } from "./seed/seed.ts";

await connectDb(process.env.MONGODB_URI, { socketTimeoutMS: BATCH_SOCKET_TIMEOUT_MS });
await seedDemo((s) => console.log(`[test]   ${s}`));
await disconnectDb();
