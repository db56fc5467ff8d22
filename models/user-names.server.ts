// Members' display names by id, for lists that show who did what (audit trails, queues,
// threads, reports): one query for the distinct valid ids, none when there are none.
import { isObjectId } from "./ids";
import { User } from "./user.server";

export async function displayNames(ids: readonly unknown[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.filter((id) => id != null).map(String))].filter(isObjectId);
  if (!valid.length) return new Map();
  const users = await User.find({ _id: { $in: valid } }).select("displayName").lean();
  return new Map(users.map((u) => [String(u._id), u.displayName]));
}
