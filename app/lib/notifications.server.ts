import { connectDb } from "../../models/db.server";
import { Notification } from "../../models/notification.server";

export async function unreadCount(userId: string): Promise<number> {
  await connectDb();
  return Notification.countDocuments({ userId, readAt: null });
}
