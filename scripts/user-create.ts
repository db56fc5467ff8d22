// `npm run user:create -- --email a@b.org --name "Name" --password "…" [--admin|--moderator]
//  [--organization "Org"] [--stakeholder-type government] [--country GH]`
// Creates an account (or updates the roles and password of an existing one), using the same
// password policy as registration. Starts (or reuses) the services like `npm run seed`.
import { parseArgs } from "node:util";
import { findOrCreateOrganization } from "../models/organization.server.ts";
import { hashPassword, passwordProblem } from "../models/password.server.ts";
import { isStakeholderType } from "../models/taxonomy.ts";
import { normalizeEmail, User, type Role } from "../models/user.server.ts";
import { runWithServices } from "./lib/run.ts";

const usage = `Usage: npm run user:create -- --email EMAIL --name "DISPLAY NAME" --password PASSWORD [--admin|--moderator]
       [--organization NAME] [--stakeholder-type TYPE] [--country ISO2]`;

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      admin: { type: "boolean", default: false },
      moderator: { type: "boolean", default: false },
      organization: { type: "string" },
      "stakeholder-type": { type: "string" },
      country: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  }));
} catch (e) {
  console.error((e as Error).message);
  console.error(usage);
  process.exit(2);
}

const fail = (msg: string): never => {
  console.error(`[user:create] ${msg}`);
  console.error(usage);
  process.exit(2);
};

if (values.help) {
  console.log(usage);
  process.exit(0);
}
const email = normalizeEmail(String(values.email ?? ""));
const name = String(values.name ?? "").trim();
const password = String(values.password ?? "");
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) fail("--email must be a valid email address");
if (!name || name.length > 80) fail("--name is required (at most 80 characters)");
const messages: Record<string, string> = {
  "errors.passwordTooShort": "the password must have at least 12 characters",
  "errors.passwordTooLong": "the password must have at most 200 characters",
  "errors.passwordCommon": "the password is too common",
  "errors.passwordPersonal": "the password must not be the email address or the name",
};
const problem = passwordProblem(password, { email, displayName: name });
if (problem) fail(messages[problem] ?? problem);
const stakeholderType = String(values["stakeholder-type"] ?? "other");
if (!isStakeholderType(stakeholderType)) fail(`unknown --stakeholder-type ${stakeholderType}`);
const country = String(values.country ?? "").toUpperCase();

const roles: Role[] = values.admin ? ["member", "moderator", "admin"] : values.moderator ? ["member", "moderator"] : ["member"];

await runWithServices("user:create", async () => {
  const org = values.organization ? await findOrCreateOrganization(String(values.organization), { type: stakeholderType, country }) : null;
  const passwordHash = await hashPassword(password);
  const existing = await User.findOne({ email }).lean();
  if (existing) {
    await User.updateOne({ _id: existing._id }, { $set: { displayName: name, passwordHash, roles, passwordChangedAt: new Date(), ...(org ? { organizationId: org._id } : {}) } });
    console.log(`[user:create] updated ${email} (roles: ${roles.join(", ")})`);
  } else {
    await User.create({ email, displayName: name, passwordHash, roles, stakeholderType, country, organizationId: org?._id ?? null, emailVerifiedAt: new Date() });
    console.log(`[user:create] created ${email} (roles: ${roles.join(", ")})`);
  }
});
