// Demo content: practices (EN/FR/ES), drafts, spaces, threads with replies, demo accounts.
// Idempotent: existing records (matched by slug / email / title) are left alone. What it creates
// goes through the search outbox (search/outbox.server.ts) like the app's own writes.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Types } from "mongoose";
import { richTextFromPlain, type RichText } from "../../app/editor/rich-text.server.ts";
import { regionsOf } from "../../models/geo.server.ts";
import { findOrCreateOrganization } from "../../models/organization.server.ts";
import { hashPassword } from "../../models/password.server.ts";
import { Post } from "../../models/post.server.ts";
import { Practice, sectionKeys } from "../../models/practice.server.ts";
import { isEvidenceLevel, orderTargets, suggestedTargets } from "../../models/practice-evidence.ts";
import type { PracticeStatus } from "../../models/practice-workflow.ts";
import { Space } from "../../models/space.server.ts";
import { Call } from "../../models/call.server.ts";
import { Thread } from "../../models/thread.server.ts";
import { User, type Role } from "../../models/user.server.ts";
import { enqueueIndexMany } from "../../search/outbox.server.ts";

const dataDir = path.join(import.meta.dirname, "data");
const load = <T>(name: string): T => JSON.parse(readFileSync(path.join(dataDir, name), "utf8")) as T;

export const DEMO_PASSWORD = "practice-hub-demo";
export const demoAccounts: { key: string; email: string; displayName: string; roles: Role[]; stakeholderType: string; country: string; org: string }[] = [
  { key: "admin", email: "admin@example.org", displayName: "Amina Diallo (admin)", roles: ["member", "moderator", "admin"], stakeholderType: "un-entity", country: "CH", org: "Migration Practice Hub team" },
  { key: "moderator", email: "moderator@example.org", displayName: "Lucía Fernández (moderator)", roles: ["member", "moderator"], stakeholderType: "un-entity", country: "PA", org: "Migration Practice Hub team" },
  { key: "member", email: "member@example.org", displayName: "Kwame Mensah", roles: ["member"], stakeholderType: "government", country: "GH", org: "Ministry of the Interior (demo)" },
  { key: "member2", email: "member2@example.org", displayName: "Claire Dubois", roles: ["member"], stakeholderType: "civil-society", country: "FR", org: "Réseau solidarité migrants (démo)" },
];

interface SeedPractice {
  slug: string;
  language: string;
  title: string;
  summary: string;
  sections: Record<string, string>;
  organizations: string[];
  partners: string[];
  countries: string[];
  scope: string;
  objectives: number[];
  principles: string[];
  stakeholderTypes: string[];
  startDate: string | null;
  endDate: string | null;
  implementationStatus: string;
  budgetRange: string;
  fundingSource: string;
  contact: { name: string; email: string };
  links: { title: string; url: string }[];
  publishedAt?: string;
  state?: string;
  owner?: string;
}

interface SeedEvidence {
  sdgTargets?: string[];
  evidenceLevel?: string;
  evaluationUrl?: string;
  outcomes?: { indicator: string; baseline: string; result: string; year: number | null; source: string }[];
  peopleReached?: { count: number | null; who: string };
}
let seedEvidence: Record<string, SeedEvidence> | null = null;

/** A seeded practice's evidence: hand-written for a few (data/evidence.json); for the others the
 *  crosswalk's first suggestions (what a submitter would tick) and a level from its status. */
export function evidenceFields(p: Pick<SeedPractice, "slug" | "objectives" | "implementationStatus">) {
  seedEvidence ??= load<{ practices: Record<string, SeedEvidence> }>("evidence.json").practices;
  const e = seedEvidence[p.slug] ?? {};
  const derivedLevels = p.implementationStatus === "completed" ? ["evaluated-internal", "monitored"] : ["monitored", "not-assessed"];
  const level = e.evidenceLevel ?? derivedLevels[p.slug.length % derivedLevels.length];
  return {
    sdgTargets: orderTargets(e.sdgTargets ?? suggestedTargets(p.objectives).slice(0, 2).map((s) => s.target)),
    evidenceLevel: isEvidenceLevel(level) ? level : "not-assessed",
    evaluationUrl: e.evaluationUrl ?? "",
    outcomes: e.outcomes ?? [],
    peopleReached: e.peopleReached ?? { count: null, who: "" },
  };
}

export function practiceFields(p: SeedPractice) {
  const { regions, subregions } = regionsOf(p.countries);
  const sections: Record<string, RichText> = {};
  for (const k of sectionKeys) sections[k] = p.sections[k] ? richTextFromPlain(p.sections[k]) : { state: "", html: "", text: "" };
  return {
    slug: p.slug,
    language: p.language,
    title: p.title,
    summary: p.summary.slice(0, 600),
    sections,
    organizations: p.organizations,
    partners: p.partners,
    countries: p.countries,
    regions,
    subregions,
    scope: p.scope,
    objectives: p.objectives,
    principles: p.principles,
    stakeholderTypes: p.stakeholderTypes,
    startDate: p.startDate ? new Date(p.startDate) : null,
    endDate: p.endDate ? new Date(p.endDate) : null,
    implementationStatus: p.implementationStatus,
    budgetRange: p.budgetRange,
    fundingSource: p.fundingSource,
    contact: p.contact,
    links: p.links,
    ...evidenceFields(p),
  };
}

async function ensureUsers(log: (s: string) => void, withDemo: boolean) {
  const ids: Record<string, string> = {};
  const hash = withDemo ? await hashPassword(DEMO_PASSWORD) : "";
  for (const a of demoAccounts) {
    let u = await User.findOne({ email: a.email });
    if (!u && withDemo) {
      const org = await findOrCreateOrganization(a.org, { type: a.stakeholderType, country: a.country });
      u = await User.create({
        email: a.email,
        displayName: a.displayName,
        passwordHash: hash,
        roles: a.roles,
        stakeholderType: a.stakeholderType,
        country: a.country,
        organizationId: org._id,
        postsApproved: 10,
        emailVerifiedAt: new Date(),
      });
      log(`created demo account ${a.email}`);
    }
    if (u) ids[a.key] = String(u._id);
  }
  if (!ids.member) {
    // Production seed without demo accounts: content belongs to a system account that cannot log in.
    let system = await User.findOne({ email: "content@hub.invalid" });
    if (!system) system = await User.create({ email: "content@hub.invalid", displayName: "Migration Practice Hub", passwordHash: "disabled", roles: ["member"] });
    for (const k of ["admin", "moderator", "member", "member2"]) ids[k] ??= String(system._id);
  }
  return ids;
}

/** Demo accounts are created only outside production (NODE_ENV), unless the caller decides. */
export async function seedDemo(log: (s: string) => void = console.log, withDemoAccounts = process.env.NODE_ENV !== "production") {
  const ids = await ensureUsers(log, withDemoAccounts);
  const practices = load<SeedPractice[]>("practices.json");
  const drafts = load<SeedPractice[]>("drafts.json");
  const existing = new Set((await Practice.find({}).select("slug").lean()).map((p) => p.slug));
  let created = 0;
  const createdIds: Types.ObjectId[] = [];
  const owners = [ids.member, ids.member2, ids.moderator];
  for (const [i, p] of practices.entries()) {
    if (existing.has(p.slug)) continue;
    for (const o of p.organizations) await findOrCreateOrganization(o);
    const doc = await Practice.create({
      ...practiceFields(p),
      ownerId: owners[i % owners.length],
      status: "published",
      publishedAt: p.publishedAt ? new Date(p.publishedAt) : new Date(),
      submittedAt: p.publishedAt ? new Date(p.publishedAt) : new Date(),
    });
    createdIds.push(doc._id);
    created++;
  }
  for (const p of drafts) {
    if (existing.has(p.slug)) continue;
    const doc = await Practice.create({
      ...practiceFields(p),
      ownerId: ids[p.owner ?? "member"],
      status: (p.state ?? "draft") as PracticeStatus,
      submittedAt: p.state === "submitted" ? new Date() : null,
    });
    createdIds.push(doc._id);
    created++;
  }
  await seedCalls(ids.admin, log);
  await enqueueIndexMany("practice", createdIds);
  log(`practices: ${created} created, ${existing.size} already there`);

  const { spaces, threads } = load<{
    spaces: { slug: string; title: string; description: string; audience: string; languages: string[]; opensAt: string | null; closesAt: string | null }[];
    threads: { space: string; language: string; title: string; body: string; objectives: number[]; region: string; author: string; practiceSlugs: string[]; createdAt: string; replies: { author: string; body: string; createdAt: string }[] }[];
  }>("threads.json");
  const spaceIds: Record<string, string> = {};
  for (const s of spaces) {
    let doc = await Space.findOne({ slug: s.slug });
    if (!doc)
      doc = await Space.create({
        ...s,
        opensAt: s.opensAt ? new Date(s.opensAt) : null,
        closesAt: s.closesAt ? new Date(s.closesAt) : null,
        moderatorIds: [ids.moderator],
      });
    spaceIds[s.slug] = String(doc._id);
  }
  let threadCount = 0;
  const threadIds: Types.ObjectId[] = [];
  for (const th of threads) {
    if (await Thread.findOne({ title: th.title }).select("_id").lean()) continue;
    const practiceIds = (await Practice.find({ slug: { $in: th.practiceSlugs } }).select("_id").lean()).map((p) => p._id);
    const last = th.replies.at(-1)?.createdAt ?? th.createdAt;
    const thread = await Thread.create({
      spaceId: spaceIds[th.space],
      authorId: ids[th.author],
      title: th.title,
      body: richTextFromPlain(th.body),
      language: th.language,
      objectives: th.objectives,
      region: th.region,
      practiceIds,
      replyCount: th.replies.length,
      lastPostAt: new Date(last),
      createdAt: new Date(th.createdAt),
    });
    for (const r of th.replies) {
      await Post.create({ threadId: thread._id, authorId: ids[r.author], body: richTextFromPlain(r.body), createdAt: new Date(r.createdAt) });
    }
    threadIds.push(thread._id);
    threadCount++;
  }
  await enqueueIndexMany("thread", threadIds);
  log(`spaces: ${spaces.length}, threads: ${threadCount} created`);
}

/** Two calls for practices (calls, decision 034): one open, one closed, each with two published
 *  answers among the demo practices on its objectives. Idempotent (by slug). */
async function seedCalls(adminId: string, log: (s: string) => void) {
  const day = 86_400_000;
  const now = Date.now();
  const calls = [
    {
      slug: "decent-work-for-migrant-workers",
      title: { en: "Decent work for migrant workers", fr: "Un travail décent pour les travailleurs migrants", es: "Trabajo decente para las personas trabajadoras migrantes" },
      description: {
        en: "We are collecting practices that make recruitment fair and working conditions decent for migrant workers.\n\nShare what your organization did, what changed, and what others could reuse.",
        fr: "Nous recueillons des pratiques qui rendent le recrutement équitable et les conditions de travail décentes pour les travailleurs migrants.\n\nDécrivez ce que votre organisation a fait, ce qui a changé et ce que d’autres pourraient reprendre.",
      },
      objectives: [6, 18],
      regions: ["Asia", "Africa"],
      opensAt: new Date(now - 10 * day),
      closesAt: new Date(now + 45 * day),
      contact: { name: "Practice Hub team", email: "calls@example.org" },
    },
    {
      slug: "missing-migrants-2025",
      title: { en: "Saving lives and searching for missing migrants", es: "Salvar vidas y buscar a las personas migrantes desaparecidas" },
      description: { en: "Practices on search and rescue, identification and support to families of missing migrants." },
      objectives: [8],
      regions: [],
      opensAt: new Date(now - 200 * day),
      closesAt: new Date(now - 30 * day),
      contact: { name: "Practice Hub team", email: "calls@example.org" },
    },
  ];
  let made = 0;
  for (const c of calls) {
    if (await Call.exists({ slug: c.slug })) continue;
    const call = await Call.create({ ...c, createdBy: adminId, openNotifiedAt: new Date() });
    const answers = await Practice.find({ status: "published", callId: null, objectives: { $in: c.objectives } }).sort({ _id: 1 }).limit(2).select("_id").lean();
    for (const a of answers) await Practice.updateOne({ _id: a._id }, { $set: { callId: call._id }, $inc: { version: 1 } });
    await enqueueIndexMany("practice", answers.map((a) => a._id));
    made++;
  }
  log(`calls: ${made} created`);
}
