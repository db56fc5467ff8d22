import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/lib/permissions.server";

// The administration area. Every child loader and action checks the permission itself too
// (loaders run in parallel, so a layout check alone would not protect them).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:roles");
  return json({});
}

export default function AdminLayout() {
  const { t } = useTranslation("account");
  return (
    <div className="container">
      <nav aria-label={t("admin.nav")} className="sub-nav">
        <ul className="nav-list">
          <li>
            <NavLink to="/admin" end>
              {t("admin.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/users">{t("admin.users.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/settings">{t("admin.settings.title")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
