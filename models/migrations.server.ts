// Data migrations that run once per database, recorded in the `migrations` collection by name.
// Run by the sync worker's first pass (search/sync.server.ts), off the request path.
import { connectDb, mongoose } from "./db.server";
import { repairUnreadCounts } from "./notification-counts.server";
import { migrateOrganizations } from "./organization-directory.server";
import { Practice } from "./practice.server";
import { reviewStatus, type PracticeStatus } from "./practice-workflow";

const done = () => mongoose.connection.db!.collection<{ _id: string; at: Date }>("migrations");

/** Runs `run` once per database under `name`. */
export async function once(name: string, run: () => Promise<void>) {
  if (await done().findOne({ _id: name })) return;
  await run();
  await done().updateOne({ _id: name }, { $set: { at: new Date() } }, { upsert: true });
}

/** Practices stored before `reviewStatus` existed get it (decision 015). */
async function backfillReviewStatus() {
  const rows = Practice.find({ reviewStatus: { $exists: false } }).select("_id status pending.status").lean().cursor({ batchSize: 500 });
  for await (const p of rows) {
    const pendingStatus = ((p as { pending?: { status?: PracticeStatus } | null }).pending?.status ?? null) as PracticeStatus | null;
    await Practice.updateOne(
      { _id: p._id, status: p.status, "pending.status": pendingStatus, reviewStatus: { $exists: false } },
      { $set: { reviewStatus: reviewStatus(p.status as PracticeStatus, pendingStatus) } },
    );
  }
}

/** Accounts made before email verification existed (decision 042) count as verified: their
 *  owners were never asked. Accounts made since carry `emailVerifiedAt: null` until they confirm. */
async function verifyExistingAccounts() {
  const { User } = await import("./user.server");
  await User.collection.updateMany({ emailVerifiedAt: { $exists: false } }, { $set: { emailVerifiedAt: new Date() } });
}

export async function runMigrations() {
  await connectDb();
  await once("practice-review-status", backfillReviewStatus);
  await once("accounts-verified-before-042", verifyExistingAccounts);
  await once("organizations-044", migrateOrganizations);
  await once("unread-counters-058", async () => void (await repairUnreadCounts()));
}
