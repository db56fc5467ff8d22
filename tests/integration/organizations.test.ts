// Organizations (issue 14, item 5): one record per organization whatever the spelling, merges
// that move members and practices, an organization page that lists exactly its published
// practices, search by acronym and without accents, and bad input that never 500s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { db, fullForm, newMemberDraft } from "./practice-fixtures";
import { freshMember } from "./discussion-fixtures";
import { AuditEntry } from "../../models/audit.server";
import { Organization } from "../../models/organization.server";
import { Practice } from "../../models/practice.server";
import { User } from "../../models/user.server";

let member: Client;
let moderator: Client;

/** Capital letters only, so a tag can be part of an acronym. */
const tag = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
});
afterAll(async () => {
  await mongoose.disconnect();
});

async function setOrganization(c: Client, organization: string) {
  const res = await c.post("/me", { intent: "profile", displayName: "Org Tester", organization, stakeholderType: "un-entity", country: "CH", bio: "" });
  expect(res.status).toBeLessThan(400);
}

const decide = (id: string, action: string, comment = "") => moderator.post(`/moderation/practices/${id}`, { action, comment });

/** A practice by the member naming `organizations`, taken to `state`. */
async function practiceIn(state: "draft" | "submitted" | "changes-requested" | "rejected" | "published" | "archived", title: string, organizations: string) {
  const extra = { organizations };
  const id = await newMemberDraft(member, title, extra);
  if (state === "draft") return id;
  const sub = await member.post(`/practices/${id}/edit`, { ...fullForm(title, extra), intent: "submit" });
  expect(sub.status).toBe(302);
  if (state === "submitted") return id;
  const step: Record<string, [string, string][]> = {
    "changes-requested": [["request-changes", "Please add results."]],
    rejected: [["reject", "Out of scope."]],
    published: [["publish", ""]],
    archived: [["publish", ""], ["archive", "Ended."]],
  };
  for (const [action, comment] of step[state]) expect((await decide(id, action, comment)).status).toBeLessThan(400);
  expect((await Practice.findById(id).lean())!.status).toBe(state);
  return id;
}

const orgNamed = (name: string) => Organization.findOne({ keys: name.toLowerCase().replace(/[^a-z0-9]/g, "") }).lean();

describe("de-duplication", () => {
  it("UNHCR, 'unhcr ', Ünhcr, U.N.H.C.R. and the full name with the acronym are one organization", async () => {
    const t = tag();
    const acr = `UNHCR${t}`;
    const a = await freshMember("OrgA");
    const b = await freshMember("OrgB");
    const c = await freshMember("OrgC");
    await setOrganization(a.client, acr);
    await setOrganization(b.client, ` ${acr.toLowerCase()}  `);
    await setOrganization(c.client, `Ü${acr.slice(1).toLowerCase()}`);
    const draft = await newMemberDraft(member, `Dedup ${t}`, { organizations: `United Nations High Commissioner for Refugees ${t} (${acr})\n${acr.split("").join(".")}.` });
    const orgs = await Organization.find({ keys: acr.toLowerCase() }).lean();
    expect(orgs).toHaveLength(1);
    const ids = await User.find({ _id: { $in: [a.user._id, b.user._id, c.user._id] } }).select("organizationId").lean();
    expect(new Set(ids.map((u) => String(u.organizationId)))).toEqual(new Set([String(orgs[0]._id)]));
    const p = await Practice.findById(draft).lean();
    expect((p!.organizationIds ?? []).map(String)).toEqual([String(orgs[0]._id)]);
    expect(orgs[0].reviewed).toBe(false);
    // the practice's spelling links to the page (a redirect to its slug)
    const res = await new Client().get(`/organizations/united-nations-high-commissioner-for-refugees-${t.toLowerCase()}-${acr.toLowerCase()}`);
    expect([200, 301]).toContain(res.status);
  });
});

describe("the organization page", () => {
  it("lists exactly its published practices", async () => {
    const t = tag();
    const name = `Practice State Agency ${t}`;
    const titles = {
      draft: `Draft ${t}`,
      submitted: `Submitted ${t}`,
      "changes-requested": `Changes ${t}`,
      rejected: `Rejected ${t}`,
      published: `Published ${t}`,
      archived: `Archived ${t}`,
    } as const;
    for (const [state, title] of Object.entries(titles)) await practiceIn(state as keyof typeof titles, title, `${name}\nCo-partner ${t}`);
    const second = await practiceIn("published", `Published two ${t}`, `practice state agency ${t.toLowerCase()}`);
    const org = await orgNamed(name);
    expect(org).toBeTruthy();
    const html = await (await new Client().get(`/organizations/${org!.slug}`)).text();
    expect(html).toContain(titles.published);
    expect(html).toContain(`Published two ${t}`);
    for (const s of ["draft", "submitted", "changes-requested", "rejected", "archived"] as const) expect(html).not.toContain(titles[s]);
    // the same count in the database: exactly the published ones
    const published = await Practice.find({ organizationIds: org!._id, status: "published" }).select("title").lean();
    expect(published.map((p) => p.title).sort()).toEqual([titles.published, `Published two ${t}`].sort());
    // the practice page links its organizations
    const page = await (await new Client().get(`/practices/${(await Practice.findById(second).lean())!.slug}`)).text();
    expect(page).toContain(`href="/organizations/practice-state-agency-${t.toLowerCase()}"`);
  });

  it("shows members who chose to be listed; only members may choose", async () => {
    const t = tag();
    const m = await freshMember("Listed");
    await setOrganization(m.client, `Listing Office ${t}`);
    const org = (await orgNamed(`Listing Office ${t}`))!;
    const path = `/organizations/${org.slug}`;
    const name = (await User.findById(m.user._id).lean())!.displayName;
    expect(await (await new Client().get(path)).text()).not.toContain(name);
    expect((await m.client.post(path, { intent: "listed", listed: "1" })).status).toBe(302);
    expect(await (await new Client().get(path)).text()).toContain(name);
    expect((await member.post(path, { intent: "listed", listed: "1" })).status).toBe(403);
    expect((await m.client.post(path, { intent: "listed", listed: "maybe" })).status).toBe(400);
  });
});

describe("moderation", () => {
  it("a merge moves members and practices, redirects the old page and is audited", async () => {
    const t = tag();
    const m = await freshMember("Merge");
    await setOrganization(m.client, `Duplicate Bureau ${t}`);
    const pid = await practiceIn("published", `Merged practice ${t}`, `Duplicate Bureau ${t}`);
    const from = (await orgNamed(`Duplicate Bureau ${t}`))!;
    const target = await freshMember("Target");
    await setOrganization(target.client, `Right Bureau ${t}`);
    const into = (await orgNamed(`Right Bureau ${t}`))!;
    expect((await member.post(`/organizations/${from.slug}`, { intent: "merge", into: String(into._id) })).status).toBe(403);
    expect((await moderator.post(`/organizations/${from.slug}`, { intent: "merge", into: "nope" })).status).toBe(400);
    const res = await moderator.post(`/organizations/${from.slug}`, { intent: "merge", into: String(into._id) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/organizations/${into.slug}`);
    expect(await Organization.findById(from._id).lean()).toBeNull();
    expect(String((await User.findById(m.user._id).lean())!.organizationId)).toBe(String(into._id));
    expect((await Practice.findById(pid).lean())!.organizationIds.map(String)).toEqual([String(into._id)]);
    expect(await (await new Client().get(`/organizations/${into.slug}`)).text()).toContain(`Merged practice ${t}`);
    const old = await new Client().get(`/organizations/${from.slug}`);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(`/organizations/${into.slug}`);
    expect(await AuditEntry.countDocuments({ subjectType: "organization", subjectId: into._id, action: "merge" })).toBe(1);
    // the old spelling now finds the target, not a new duplicate
    const again = await freshMember("Again");
    await setOrganization(again.client, `duplicate bureau ${t.toLowerCase()}`);
    expect(String((await User.findById(again.user._id).lean())!.organizationId)).toBe(String(into._id));
  });

  it("a moderator edits (marks reviewed, audited); bad input is a 400 with field errors", async () => {
    const t = tag();
    const m = await freshMember("Edit");
    await setOrganization(m.client, `Edit Agency ${t}`);
    const org = (await orgNamed(`Edit Agency ${t}`))!;
    const path = `/organizations/${org.slug}`;
    const form = { intent: "edit", name: `Edit Agency ${t}`, acronym: `EA${t}`, type: "civil-society", country: "KE", website: "https://example.org/ea", description: "An agency." };
    expect((await member.post(path, form)).status).toBe(403);
    const bad = await moderator.post(path, { ...form, website: "javascript:alert(1)" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("http://");
    expect((await moderator.post(path, { ...form, type: "pirate" })).status).toBe(400);
    expect((await moderator.post(path, form)).status).toBe(302);
    const saved = (await Organization.findById(org._id).lean())!;
    expect(saved).toMatchObject({ acronym: `EA${t}`, type: "civil-society", country: "KE", reviewed: true });
    expect(await AuditEntry.countDocuments({ subjectType: "organization", subjectId: org._id, action: "edit" })).toBe(1);
    // search by the new acronym, in any case
    expect(await (await new Client().get(`/organizations?q=ea${t.toLowerCase()}`)).text()).toContain(`Edit Agency ${t}`);
    expect(await (await new Client().get(`/organizations?q=ea${t.toLowerCase()}&type=civil-society&country=KE`)).text()).toContain(`Edit Agency ${t}`);
    expect(await (await new Client().get(`/organizations?q=ea${t.toLowerCase()}&type=government`)).text()).not.toContain(`Edit Agency ${t}`);
  });
});

describe("the list", () => {
  it("finds names without accents", async () => {
    const t = tag();
    const m = await freshMember("Accent");
    await setOrganization(m.client, `Société Œcuménique d'Entraide ${t}`);
    const html = await (await new Client().get(`/organizations?q=${encodeURIComponent(`societe oecumenique`)}`)).text();
    const html2 = await (await new Client().get(`/organizations?q=${encodeURIComponent(`SOCIÉTÉ`)}`)).text();
    expect(html).toContain(t);
    expect(html2).toContain(t);
  });

  it("bad input never 500s: unknown slugs are 404, hostile query strings are answered", async () => {
    const anon = new Client();
    for (const path of ["/organizations/no-such-organization-xyz", "/organizations/%E2%80%8B", "/organizations/..%2F..%2Fetc", "/organizations/%00", `/organizations/${"a".repeat(500)}`]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(404);
    }
    for (const qs of ["q=.*(", "q=%24where", "q[$ne]=1", "q=a&q=b", "page=-1", "page=abc", `q=${"x".repeat(5000)}`, "type=%00", "country=ZZZZ", "q=%EF%BF%BD%ED%A0%80"]) {
      const res = await anon.get(`/organizations?${qs}`);
      expect(res.status, qs).toBe(200);
    }
    expect((await anon.post("/organizations/no-such-organization-xyz", { intent: "merge" })).status).not.toBe(500);
  });
});
