// Members' display names by id, for lists that show who did what (audit trails, queues,
// threads, reports): names kept in this process first (user-name-cache.ts), then one query for
// the distinct valid ids not kept, none when there are none.
import { isObjectId } from "./ids";
import { keepName, keptName, nameGeneration } from "./user-name-cache";
import { User } from "./user.server";

export async function displayNames(ids: readonly unknown[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.filter((id) => id != null).map(String))].filter(isObjectId);
  const out = new Map<string, string>();
  const missing: string[] = [];
  const now = Date.now();
  for (const id of valid) {
    const name = keptName(id, now);
    if (name === undefined) missing.push(id);
    else out.set(id, name);
  }
  if (!missing.length) return out;
  const generation = nameGeneration();
  const users = await User.find({ _id: { $in: missing } }).select("displayName").lean();
  const keep = generation === nameGeneration();
  for (const u of users) {
    out.set(String(u._id), u.displayName);
    if (keep) keepName(String(u._id), u.displayName, now);
  }
  return out;
}
