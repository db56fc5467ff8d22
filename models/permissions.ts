// Permission table (pure, so the UI can hide what a role cannot do).
export type Role = "member" | "moderator" | "admin";

const table = {
  "practice:submit": ["member", "moderator", "admin"],
  "review:practice": ["moderator", "admin"],
  "thread:create": ["member", "moderator", "admin"],
  "post:reply": ["member", "moderator", "admin"],
  "report:create": ["member", "moderator", "admin"],
  "moderate:discussion": ["moderator", "admin"],
  "admin:roles": ["admin"],
  "admin:spaces": ["admin"],
  "admin:settings": ["admin"],
  "admin:calls": ["admin"],
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof table;

export function can(roles: readonly string[] | undefined, permission: Permission): boolean {
  const allowed: readonly string[] = table[permission];
  return (roles ?? []).some((r) => allowed.includes(r));
}

/** The roles that carry a permission (to find, say, everyone who reviews practices). */
export function rolesWith(permission: Permission): readonly string[] {
  return table[permission];
}
