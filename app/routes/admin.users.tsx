import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "~/components/csrf-field";
import { Pagination } from "~/components/pagination";
import { parseForm } from "~/lib/form.server";
import { titleMeta } from "~/lib/meta";
import { requirePermission } from "~/lib/permissions.server";
import { i18nFor } from "~/lib/request.server";
import { validateForm } from "~/lib/validation.server";
import { isRole, listUsers, setRole } from "~/models.server";

export const meta = titleMeta;
const PER_PAGE = 25;

const querySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(["", "member", "moderator", "admin"]).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const roleSchema = z.object({
  userId: z.string().regex(/^[a-f0-9]{24}$/, "errors.invalid"),
  role: z.enum(["moderator", "admin"], { errorMap: () => ({ message: "errors.invalid" }) }),
  grant: z.enum(["1", "0"], { errorMap: () => ({ message: "errors.invalid" }) }),
  returnTo: z.string().max(300).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requirePermission(request, "admin:roles");
  const { t } = i18nFor(request, "account");
  const sp = new URL(request.url).searchParams;
  const query = querySchema.parse({ q: sp.get("q") ?? "", role: sp.get("role") ?? "", page: sp.get("page") ?? "1" });
  const { total, users } = await listUsers({ q: query.q, role: isRole(query.role) ? query.role : "", page: query.page, perPage: PER_PAGE });
  const done = sp.get("done");
  return json({ title: t("admin.users.title"), me: String(me._id), total, users, query, perPage: PER_PAGE, done: done === "1" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requirePermission(request, "admin:roles");
  const form = await parseForm(request, context);
  const v = validateForm(form, roleSchema);
  if (!v.ok) return json({ error: "errors.invalid" }, { status: 400 });
  const result = await setRole(String(me._id), v.data.userId, v.data.role, v.data.grant === "1");
  if (!result.ok) return json({ error: result.error }, { status: result.error === "admin.errors.noSuchUser" ? 404 : 400 });
  const back = v.data.returnTo && /^\?[\w=&%.+-]*$/.test(v.data.returnTo) ? v.data.returnTo : "";
  const params = new URLSearchParams(back.slice(1));
  params.set("done", "1");
  return redirect(`/admin/users?${params.toString()}`);
}

function RoleButton({ userId, role, grant, returnTo, label }: { userId: string; role: string; grant: boolean; returnTo: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfField />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="grant" value={grant ? "1" : "0"} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit">{label}</button>
    </Form>
  );
}

export default function AdminUsers() {
  const { me, users, total, query, perPage, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const returnTo = `?${new URLSearchParams({ q: query.q, role: query.role, page: String(query.page) }).toString()}`;
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {data?.error ? (
        <div className="error-summary" role="alert">
          {t(data.error)}
        </div>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {t("admin.users.saved")}
        </p>
      ) : null}
      <Form method="get" className="filter-row" role="search" aria-label={t("admin.users.searchLabel")}>
        <label htmlFor="q">{t("admin.users.search")}</label>
        <input id="q" name="q" type="search" maxLength={100} defaultValue={query.q} />
        <label htmlFor="role">{t("admin.users.roleFilter")}</label>
        <select id="role" name="role" defaultValue={query.role}>
          <option value="">{t("admin.users.anyRole")}</option>
          <option value="member">{t("roles.member")}</option>
          <option value="moderator">{t("roles.moderator")}</option>
          <option value="admin">{t("roles.admin")}</option>
        </select>
        <button type="submit">{t("admin.users.apply")}</button>
      </Form>
      <p>{t("admin.users.count", { count: total })}</p>
      <table className="data-table card-table">
        <caption className="visually-hidden">{t("admin.users.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fields.displayName")}</th>
            <th scope="col">{t("fields.email")}</th>
            <th scope="col">{t("admin.users.roles")}</th>
            <th scope="col">{t("admin.users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const self = u.id === me;
            const isMod = u.roles.includes("moderator");
            const isAdmin = u.roles.includes("admin");
            return (
              <tr key={u.id}>
                <td className="card-table-title">
                  <Link to={`/users/${u.id}`}>{u.displayName}</Link>
                  {self ? ` (${t("admin.users.you")})` : ""}
                </td>
                <td data-label={t("fields.email")}>{u.email}</td>
                <td data-label={t("admin.users.roles")}>{u.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td className="actions" data-label={t("admin.users.actions")}>
                  <RoleButton
                    userId={u.id}
                    role="moderator"
                    grant={!isMod}
                    returnTo={returnTo}
                    label={t(isMod ? "admin.users.revokeModerator" : "admin.users.grantModerator", { name: u.displayName })}
                  />{" "}
                  {self && isAdmin ? null : (
                    <RoleButton
                      userId={u.id}
                      role="admin"
                      grant={!isAdmin}
                      returnTo={returnTo}
                      label={t(isAdmin ? "admin.users.revokeAdmin" : "admin.users.grantAdmin", { name: u.displayName })}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pagination page={query.page} perPage={perPage} total={total} />
    </>
  );
}
