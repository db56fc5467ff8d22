// The one place that decides who may do what. Loaders and actions call requirePermission;
// components only use `can` to hide what the server would refuse anyway.
import type { Role } from "../../models/user.server";
import { can, type Permission } from "../../models/permissions";
import { requireUser } from "./session.server";
import { moderatedSpaceIds } from "../../models/thread-query.server";
import { actorOf } from "../../models/discussion.server";
import { getT } from "../i18n/resources.server";
import { detectLocale } from "../i18n/locale.server";

/** The translated 403 to throw when the signed-in user may not do this. */
export function forbidden(request: Request): Response {
  const t = getT(detectLocale(request));
  return new Response(t("errors.forbidden"), { status: 403, statusText: "Forbidden" });
}

export async function requirePermission(request: Request, permission: Permission) {
  const user = await requireUser(request);
  if (!can(user.roles as Role[], permission)) throw forbidden(request);
  return user;
}

/** Global discussion moderators (every space, null) and moderators of particular spaces (their
 *  ids); anybody else gets a 403. */
export async function requireDiscussionModerator(request: Request): Promise<{ user: Awaited<ReturnType<typeof requireUser>>; spaceIds: string[] | null }> {
  const user = await requireUser(request);
  const spaceIds = await moderatedSpaceIds(actorOf(user));
  if (spaceIds !== null && spaceIds.length === 0) throw forbidden(request);
  return { user, spaceIds };
}
export { can };
