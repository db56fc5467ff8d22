// Every page type, signed out and signed in as each role, in a real Chromium: no console error
// or warning, no uncaught exception (hydration mismatches are both), no failed same-origin
// request; and the HTML the server sent is valid as the W3C Nu Html Checker (vnu.jar) judges it.
// The walk list names a URL for every file in app/routes: a new route without one fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { login, useBrowser } from "../helpers/browser";
import { Client, demo, HUB } from "../helpers/http";
import { disconnectDb } from "../../models/db.server";
import { User } from "../../models/user.server";
import { as, CLOSED_SPACE, db, newThread, OPEN_SPACE, postIdFrom, reply, resetPostLimits, threadIdFrom, unique } from "../integration/discussion-fixtures";
import { fullForm, newMemberDraft, submittedPractice } from "../integration/practice-fixtures";
import { unsubscribeUrl } from "../../app/mail/unsubscribe.server";

const require = createRequire(import.meta.url);
const VNU_JAR: string = String(require("vnu-jar"));
const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

type Role = "anonymous" | "member" | "moderator" | "admin";
const ROLES: Role[] = ["anonymous", "member", "moderator", "admin"];
const email: Record<Exclude<Role, "anonymous">, string> = { member: demo.member, moderator: demo.moderator, admin: demo.admin };

/** Ids and slugs of content made for the walk (the member owns it; member2 replied). */
interface Fixtures {
  practiceSlug: string; // published, two revisions, a third waiting for review
  reviewId: string; // the id of that practice (its review page shows a diff)
  draftId: string; // the member's draft
  threadId: string;
  ownPostId: string; // the member's reply
  otherPostId: string; // member2's reply
  memberId: string;
}

/**
 * A page is walked in the browser and validated: `ok` are the roles that must get it with 200
 * (default: all), `status` the status every role gets (an error page). A resource is fetched
 * and its status checked.
 */
type Visit = { path: string; resource?: false; ok?: Role[]; status?: number } | { path: string; resource: true; status: number };

const signedIn: Role[] = ["member", "moderator", "admin"];
const moderators: Role[] = ["moderator", "admin"];

/** For every file in app/routes, the URLs that render it. Layout routes name their index page. */
const walk: Record<string, (f: Fixtures) => Visit[]> = {
  "$.tsx": () => [{ path: "/no-such-page", status: 404 }],
  "_index.tsx": () => [{ path: "/" }, { path: "/?lng=fr" }, { path: "/?lng=es" }, { path: "/?lng=ar" }, { path: "/?lng=zh" }, { path: "/?lng=ru" }],
  "admin.tsx": () => [{ path: "/admin", ok: ["admin"] }],
  "admin._index.tsx": () => [{ path: "/admin", ok: ["admin"] }],
  "admin.settings.tsx": () => [{ path: "/admin/settings", ok: ["admin"] }],
  "admin.users.tsx": () => [{ path: "/admin/users", ok: ["admin"] }, { path: "/admin/users?q=member", ok: ["admin"] }],
  "api.$.ts": () => [{ path: "/api/no-such-endpoint", resource: true, status: 404 }],
  "api._index.tsx": () => [{ path: "/api" }, { path: "/api?lng=fr" }],
  "api.v1.export[.csv].ts": () => [{ path: "/api/v1/export.csv", resource: true, status: 200 }],
  "api.v1.export[.json].ts": () => [{ path: "/api/v1/export.json", resource: true, status: 200 }],
  "feeds.practices[.xml].ts": () => [{ path: "/feeds/practices.xml", resource: true, status: 200 }],
  "feeds.objectives.$file.ts": () => [{ path: "/feeds/objectives/16.xml", resource: true, status: 200 }],
  "feeds.regions.$file.ts": () => [{ path: "/feeds/regions/africa.xml", resource: true, status: 200 }],
  "feeds.calls.$file.ts": () => [{ path: "/feeds/calls/decent-work-for-migrant-workers.xml", resource: true, status: 200 }, { path: "/feeds/calls/no-such-call.xml", resource: true, status: 404 }],
  "i18n.$file.ts": () => [{ path: "/i18n/fr.js", resource: true, status: 200 }, { path: "/i18n/xx.js", resource: true, status: 404 }],
  "sitemap[.xml].ts": () => [{ path: "/sitemap.xml", resource: true, status: 200 }],
  "sitemaps.$file.ts": () => [{ path: "/sitemaps/static.xml", resource: true, status: 200 }],
  "robots[.txt].ts": () => [{ path: "/robots.txt", resource: true, status: 200 }],
  "api.v1.practices.$slug.ts": (f) => [{ path: `/api/v1/practices/${f.practiceSlug}`, resource: true, status: 200 }],
  "api.v1.practices._index.ts": () => [{ path: "/api/v1/practices", resource: true, status: 200 }],
  "api.v1.search.ts": () => [{ path: "/api/v1/search?q=migrants", resource: true, status: 200 }],
  // Calls for practices (demo seed: one open, one closed).
  "calls._index.tsx": () => [{ path: "/calls" }, { path: "/calls?lng=fr" }, { path: "/calls?lng=ar" }],
  "calls.$slug._index.tsx": () => [{ path: "/calls/decent-work-for-migrant-workers" }, { path: "/calls/decent-work-for-migrant-workers?lng=es" }, { path: "/calls/missing-migrants-2025?lng=fr" }],
  "calls.$slug.edit.tsx": () => [{ path: "/calls/decent-work-for-migrant-workers/edit", ok: ["admin"] }],
  "calls.new.tsx": () => [{ path: "/calls/new?objective=6&region=Asia", ok: ["admin"] }],
  "healthz.ts": () => [{ path: "/healthz", resource: true, status: 200 }],
  "insights.tsx": () => [{ path: "/insights" }, { path: "/insights?axis=principle&lng=fr" }, { path: "/insights?axis=year&lng=es&trend=5" }, { path: "/insights?axis=sdg&evidence=evaluated-independent" }, { path: "/insights?axis=nope", status: 400 }, { path: "/insights?lng=ar" }, { path: "/insights?axis=region&lng=ru" }],
  "insights[.]csv.ts": () => [{ path: "/insights.csv?axis=stakeholderType", resource: true, status: 200 }],
  "login.tsx": () => [{ path: "/login", ok: ["anonymous"] }],
  "logout.tsx": () => [{ path: "/logout", resource: true, status: 302 }],
  "me._index.tsx": () => [{ path: "/me", ok: signedIn }, { path: "/me?lng=ru", ok: signedIn }],
  "me.password.tsx": () => [{ path: "/me/password", ok: signedIn }],
  "me.practices.tsx": () => [{ path: "/me/practices", ok: signedIn }],
  "moderation._index.tsx": () => [{ path: "/moderation", ok: moderators }],
  "moderation.practices.$id.tsx": (f) => [{ path: `/moderation/practices/${f.reviewId}`, ok: moderators }, { path: `/moderation/practices/${f.reviewId}?lng=ar`, ok: moderators }],
  "moderation.reports.tsx": () => [{ path: "/moderation/reports", ok: moderators }],
  "notifications._index.tsx": () => [{ path: "/notifications", ok: signedIn }],
  // Following a notification redirects to where it leads; someone else's or none is a 404.
  "notifications.$id.tsx": () => [{ path: "/notifications/0123456789abcdef01234567", ok: [] }],
  "objectives.$n.tsx": () => [{ path: "/objectives/16" }],
  "objectives._index.tsx": () => [{ path: "/objectives" }],
  "posts.$id._index.tsx": (f) => [{ path: `/posts/${f.otherPostId}` }],
  "posts.$id.edit.tsx": (f) => [{ path: `/posts/${f.ownPostId}/edit`, ok: ["member"] }],
  "posts.$id.report.tsx": (f) => [{ path: `/posts/${f.otherPostId}/report`, ok: signedIn }],
  "practices.$id.delete.tsx": (f) => [{ path: `/practices/${f.draftId}/delete`, ok: ["member"] }],
  "practices.$id.edit.tsx": (f) => [{ path: `/practices/${f.draftId}/edit`, ok: ["member"] }],
  "practices.$id.attachments.tsx": (f) => [{ path: `/practices/${f.draftId}/attachments`, ok: ["member"] }, { path: `/practices/${f.draftId}/attachments?lng=ar`, ok: ["member"] }],
  "files.$id.$name.ts": () => [{ path: "/files/0123456789abcdef01234567/report.pdf", resource: true, status: 404 }, { path: "/files/not-an-id/x.pdf", resource: true, status: 404 }],
  "practices.$slug._index.tsx": (f) => [{ path: `/practices/${f.practiceSlug}` }, { path: `/practices/${f.practiceSlug}?lng=fr` }, { path: `/practices/${f.practiceSlug}?lng=ar` }],
  "practices.$slug.compare.tsx": (f) => [{ path: `/practices/${f.practiceSlug}/compare?a=1&b=2` }],
  "practices.$slug.history.tsx": (f) => [{ path: `/practices/${f.practiceSlug}/history` }],
  "practices._index.tsx": () => [{ path: "/practices" }, { path: "/practices?region=Africa&objectives=3" }, { path: "/practices?lng=es" }],
  "practices.new.tsx": () => [{ path: "/practices/new", ok: signedIn }, { path: "/practices/new?lng=ar", ok: signedIn }, { path: "/practices/new?call=decent-work-for-migrant-workers", ok: signedIn }],
  "practices.similar.ts": () => [
    { path: "/practices/similar?title=Remittances&objective=20", resource: true, status: 200 },
    { path: "/practices/similar?title=x&objective=20", resource: true, status: 400 },
  ],
  "regions.$region.tsx": () => [{ path: "/regions/africa" }],
  "regions._index.tsx": () => [{ path: "/regions" }],
  "register.tsx": () => [{ path: "/register", ok: ["anonymous"] }],
  "forgot-password.tsx": () => [{ path: "/forgot-password" }, { path: "/forgot-password?sent=1&lng=ar" }],
  "reset-password.$token.tsx": () => [{ path: `/reset-password/${"A".repeat(43)}`, status: 404 }, { path: "/reset-password/nonsense?lng=fr", status: 404 }],
  "verify-email.$token.tsx": () => [{ path: `/verify-email/${"B".repeat(43)}`, status: 404 }],
  "practices.$slug.contact.tsx": (f) => [{ path: `/practices/${f.practiceSlug}/contact`, ok: signedIn }, { path: "/practices/no-such-practice/contact", status: 404 }],
  "unsubscribe.tsx": (f) => [{ path: `/unsubscribe?u=${"a".repeat(24)}&c=mentions&s=forged`, status: 400 }, { path: `${unsubscribeUrl(f.memberId, ["replies", "follows"], "")}&lng=ar` }],
  "search.tsx": () => [{ path: "/search" }, { path: "/search?q=migrants" }, { path: "/search?q=migrants&type=threads" }, { path: "/search?q=migrants&lng=ar" }, { path: "/search?q=migrants&lng=zh" }, { path: "/search?q=migration&more=country&country=CH" }],
  "spaces.$slug._index.tsx": () => [{ path: `/spaces/${OPEN_SPACE}` }, { path: `/spaces/${CLOSED_SPACE}` }],
  "spaces.$slug.edit.tsx": () => [{ path: `/spaces/${OPEN_SPACE}/edit`, ok: ["admin"] }],
  "spaces.$slug.new.tsx": () => [{ path: `/spaces/${OPEN_SPACE}/new`, ok: signedIn }],
  "spaces._index.tsx": () => [{ path: "/spaces" }],
  "spaces.new.tsx": () => [{ path: "/spaces/new", ok: ["admin"] }],
  "threads.$id._index.tsx": (f) => [{ path: `/threads/${f.threadId}` }, { path: `/threads/${f.threadId}?lng=zh` }],
  "threads.$id.edit.tsx": (f) => [{ path: `/threads/${f.threadId}/edit`, ok: ["member"] }],
  "threads.$id.report.tsx": (f) => [{ path: `/threads/${f.threadId}/report`, ok: moderators }],
  "threads._index.tsx": () => [{ path: "/threads" }, { path: "/threads?objective=16" }],
  "organizations._index.tsx": () => [{ path: "/organizations" }, { path: "/organizations?q=ministry&type=government&lng=ar" }],
  "organizations.$slug.tsx": () => [{ path: "/organizations/ministry-of-the-interior-demo" }, { path: "/organizations/no-such-organization", status: 404 }],
  "users.$id.tsx": (f) => [{ path: `/users/${f.memberId}` }],
};

async function makeFixtures(): Promise<Fixtures> {
  await db();
  await resetPostLimits();
  const member = await as("member");
  const member2 = await as("member2");
  const moderator = await as("moderator");
  const decide = async (id: string) => {
    const r = await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" });
    if (r.status !== 302) throw new Error(`not published: ${r.status}`);
  };
  const title = unique("Walked practice");
  const reviewId = await submittedPractice(member, title);
  await decide(reviewId);
  const edit = (t: string) => member.post(`/practices/${reviewId}/edit`, { ...fullForm(t), summary: `Summary of ${t}.`, intent: "submit" });
  expect((await edit(`${title} (second edition)`)).status).toBe(302);
  await decide(reviewId);
  expect((await edit(`${title} (third edition)`)).status).toBe(302);
  const { Practice } = await import("../../models/practice.server");
  const practiceSlug = (await Practice.findById(reviewId).lean())!.slug;
  const draftId = await newMemberDraft(member, unique("Walked draft"));

  const threadId = threadIdFrom(await newThread(member, { title: unique("Walked thread"), objectives: ["16"] }));
  const ownPostId = postIdFrom(await reply(member, threadId, "A reply by its author, to edit."));
  const otherPostId = postIdFrom(await reply(member2, threadId, "A reply by somebody else, to report."));
  const memberId = String((await User.findOne({ email: demo.member }).lean())!._id);
  return { practiceSlug, reviewId, draftId, threadId, ownPostId, otherPostId, memberId };
}

const getBrowser = useBrowser();
let fx: Fixtures;
beforeAll(async () => {
  fx = await makeFixtures();
});
afterAll(async () => {
  await disconnectDb();
});

const sameOrigin = (url: string) => url.startsWith(HUB);

/** Records what a user would see in the devtools console while the page is open. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    // Chromium reports the status of an error page itself (a 404, a 403) as a console error;
    // that status is the page's intended answer and is checked on its own.
    if (/^Failed to load resource/.test(m.text()) && m.location().url === page.url()) return;
    problems.push(`console.${m.type()}: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: the browser itself cancelled it (the next page was opened meanwhile).
    if (sameOrigin(r.url()) && r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (sameOrigin(r.url()) && !r.request().isNavigationRequest() && r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  return problems;
}

describe("every page type, in every role", () => {
  it("the walk list names a URL for every route file", () => {
    const files = readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?|jsx?)$/.test(f));
    expect(files.length).toBeGreaterThan(30);
    expect(files.filter((f) => !walk[f]), "route files without a URL in the walk list").toEqual([]);
    expect(Object.keys(walk).filter((f) => !files.includes(f)), "walk entries for route files that no longer exist").toEqual([]);
  });

  it("has valid HTML (Nu Html Checker) and a clean console, signed out and as member, moderator and admin", async () => {
    const visits = [...new Map(Object.values(walk).flatMap((v) => v(fx)).map((v) => [v.path, v])).values()];
    // Pages in another language last: ?lng= also sets the language for the pages that follow.
    visits.sort((a, b) => Number(a.path.includes("lng=")) - Number(b.path.includes("lng=")));
    const pages = visits.filter((v) => !v.resource);
    const resources = visits.filter((v): v is Extract<Visit, { resource: true }> => v.resource === true);
    const dir = mkdtempSync(path.join(tmpdir(), "hub-vnu-"));
    const files = new Map<string, string>(); // file → "role URL"
    const problems: string[] = [];
    try {
      for (const role of ROLES) {
        const client = role === "anonymous" ? new Client() : await new Client().login(email[role]);
        for (const r of resources) {
          const res = await client.get(r.path);
          if (res.status !== r.status) problems.push(`${role} ${r.path}: status ${res.status}, expected ${r.status}`);
        }
        const ctx = await getBrowser().newContext();
        const page = await ctx.newPage();
        if (role !== "anonymous") await login(page, email[role]);
        const seen = watch(page);
        for (const v of pages) {
          seen.length = 0;
          const res = await page.goto(HUB + v.path, { waitUntil: "networkidle" });
          const status = res?.status() ?? 0;
          const expected = v.status ?? ((v.ok ?? ROLES).includes(role) ? 200 : null);
          if (expected !== null ? status !== expected : status >= 500 || status === 0) problems.push(`${role} ${v.path}: status ${status}${expected ? `, expected ${expected}` : ""}`);
          for (const p of seen) problems.push(`${role} ${v.path}: ${p}`);
          const html = (await res?.text()) ?? "";
          const file = path.join(dir, `${files.size}.html`);
          writeFileSync(file, html);
          files.set(file, `${role} ${v.path} (${status})`);
        }
        await ctx.close();
      }
      // One JVM for every page: vnu.jar's start-up takes seconds.
      const vnu = spawnSync("java", ["-jar", VNU_JAR, "--format", "json", "--errors-only", ...files.keys()], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      expect(vnu.error, "java could not be started").toBeUndefined();
      const report = JSON.parse(vnu.stderr || vnu.stdout) as { messages: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
      for (const m of report.messages) {
        if (m.type !== "error" && m.type !== "non-document-error") continue;
        const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : "";
        problems.push(`${files.get(file) ?? file} line ${m.lastLine ?? "?"}: ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim())}` : ""}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(files.size).toBe(pages.length * ROLES.length);
    expect(problems).toEqual([]);
  }, 900_000);
});
