// The one place that decides who may do what. Loaders and actions call requirePermission;
// components only use `can` to hide what the server would refuse anyway.
import type { Role } from "../../models/user.server";
import { can, type Permission } from "./permissions";
import { requireUser } from "./session.server";
import { getT } from "../i18n/resources.server";
import { detectLocale } from "../i18n/locale.server";

export async function requirePermission(request: Request, permission: Permission) {
  const user = await requireUser(request);
  if (!can(user.roles as Role[], permission)) {
    const t = getT(detectLocale(request));
    throw new Response(t("errors.forbidden"), { status: 403, statusText: "Forbidden" });
  }
  return user;
}
export { can };
