// SDG targets, evidence level, outcomes and "may be out of date" (issue 12, parts 2 and 3),
// against the running hub: the form, validation, the practice page, cards, both search facets
// (index and API), the review page's "ask for the evaluation", and the stale duty.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo, HUB } from "../helpers/http";
import { htmlErrors } from "../helpers/browser";
import { db, fullForm, newMemberDraft, unique } from "./practice-fixtures";
import { api, waitForIndex } from "./search-helpers";
import { Practice } from "../../models/practice.server";
import { Notification } from "../../models/notification.server";
import { User } from "../../models/user.server";
import { notifyStalePractices } from "../../models/practice-evidence.server";
import { listPublishedPractices } from "../../models/practice-query.server";
import { emptyFilters } from "../../models/filters.server";

let member: Client;
let moderator: Client;

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  moderator = await new Client().login(demo.moderator);
});
afterAll(async () => {
  await mongoose.disconnect();
});

const evidenceForm = {
  objectives: ["20", "6"],
  sdgTargets: ["10.c", "8.8"],
  evidenceLevel: "evaluated-independent",
  evaluationUrl: "https://example.org/evaluation-report",
  "outcomeIndicator-0": "Average remittance cost (per cent)",
  "outcomeBaseline-0": "9.5",
  "outcomeResult-0": "4.2",
  "outcomeYear-0": "2024",
  "outcomeSource-0": "Corridor survey",
  "outcomeIndicator-1": "Workers reached by the information desk",
  "outcomeResult-1": "3100",
  peopleCount: "12500",
  peopleWho: "seasonal workers",
};

/** A practice by the demo member with `extra` fields, submitted and published by the moderator. */
async function published(title: string, extra: Record<string, string | string[]>) {
  const id = await newMemberDraft(member, title, extra);
  const sub = await member.post(`/practices/${id}/edit`, { ...fullForm(title, extra), intent: "submit" });
  expect(sub.status).toBe(302);
  const pub = await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" });
  expect(pub.status).toBe(302);
  const p = (await Practice.findById(id).lean())!;
  expect(p.status).toBe("published");
  return { id, slug: p.slug };
}

describe("a practice with SDG targets and an evidence level", () => {
  let slug = "";
  let title = "";
  beforeAll(async () => {
    title = `Remittance evidence ${unique()}`;
    ({ slug } = await published(title, evidenceForm));
    await waitForIndex();
  });

  it("stores what was posted", async () => {
    const p = (await Practice.findOne({ slug }).lean())!;
    expect(p.sdgTargets).toEqual(["8.8", "10.c"]);
    expect(p.evidenceLevel).toBe("evaluated-independent");
    expect(p.evaluationUrl).toBe("https://example.org/evaluation-report");
    expect(p.outcomes.map((o) => [o.indicator, o.baseline, o.result, o.year, o.source])).toEqual([
      ["Average remittance cost (per cent)", "9.5", "4.2", 2024, "Corridor survey"],
      ["Workers reached by the information desk", "", "3100", null, ""],
    ]);
    expect(p.peopleReached).toMatchObject({ count: 12500, who: "seasonal workers" });
  });

  it("is findable by both facets through /api/v1/search, and not by other values", async () => {
    const q = encodeURIComponent(title);
    const both = await api(`q=${q}&sdg=10.c&evidence=evaluated-independent`);
    expect(both.status).toBe(200);
    expect(both.body.hits.map((h: { slug: string }) => h.slug)).toContain(slug);
    const hit = both.body.hits.find((h: { slug: string }) => h.slug === slug);
    expect(hit).toMatchObject({ sdgTargets: ["8.8", "10.c"], evidenceLevel: "evaluated-independent" });
    // Repeatable, ORed within a facet (like objective).
    expect((await api(`q=${q}&sdg=16.9&sdg=8.8`)).body.hits.map((h: { slug: string }) => h.slug)).toContain(slug);
    // Other values of each facet do not match.
    expect((await api(`q=${q}&sdg=16.9`)).body.hits.map((h: { slug: string }) => h.slug)).not.toContain(slug);
    expect((await api(`q=${q}&evidence=monitored`)).body.hits.map((h: { slug: string }) => h.slug)).not.toContain(slug);
    // Facet counts for both attributes.
    const all = await api(`q=${q}`);
    expect(all.body.facets.sdgTargets["10.c"]).toBeGreaterThanOrEqual(1);
    expect(all.body.facets.evidenceLevel["evaluated-independent"]).toBeGreaterThanOrEqual(1);
  });

  it("is listed by /api/v1/practices and /practices with the filters, with its evidence badge", async () => {
    const res = await fetch(`${HUB}/api/v1/practices?sdg=10.c&evidence=evaluated-independent&perPage=100`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hits: { slug: string; sdgTargets: string[]; evidenceLevel: string }[] };
    const card = body.hits.find((h) => h.slug === slug);
    expect(card).toMatchObject({ sdgTargets: ["8.8", "10.c"], evidenceLevel: "evaluated-independent" });
    expect(body.hits.every((h) => h.sdgTargets.includes("10.c") && h.evidenceLevel === "evaluated-independent")).toBe(true);
    const html = await (await new Client().get(`/practices?sdg=10.c&evidence=evaluated-independent&perPage=50`)).text();
    expect(html).toContain(`href="/practices/${slug}"`);
    expect(html).toMatch(/Evidence: (<!-- -->)?Evaluated independently/);
    // The practice JSON carries every evidence field.
    const one = (await (await fetch(`${HUB}/api/v1/practices/${slug}`)).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ sdgTargets: ["8.8", "10.c"], evidenceLevel: "evaluated-independent", evaluationUrl: "https://example.org/evaluation-report" });
    expect((one.outcomes as unknown[]).length).toBe(2);
  });

  it("shows targets with their titles in the UI language, the badge, the evaluation link and the outcomes table", async () => {
    const page = await new Client().get(`/practices/${slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("By 2030, reduce to less than 3 per cent the transaction costs of migrant remittances");
    expect(html).toMatch(/<strong>8.8<\/strong><\/a> <span lang="en">Protect labour rights and promote safe and secure working environments/);
    expect(html).toMatch(/Evidence: (<!-- -->)?Evaluated independently/);
    expect(html).toContain('href="https://example.org/evaluation-report"');
    expect(html).toMatch(/<th scope="row">Average remittance cost \(per cent\)<\/th><td>9.5<\/td><td>4.2<\/td><td>2024<\/td><td>Corridor survey<\/td>/);
    expect(html).toMatch(/12,500 people reached: seasonal workers/);
    expect(html).not.toContain("stale-notice");
    expect(await htmlErrors(html)).toEqual([]);
    const fr = await (await new Client().get(`/practices/${slug}?lng=fr`)).text();
    expect(fr).toMatch(/<span lang="fr">D’ici à 2030, faire baisser au-dessous de 3 pour cent les coûts de transaction/);
    expect(fr).toMatch(/Preuves : (<!-- -->)?Évaluée de manière indépendante/);
    const es = await (await new Client().get(`/practices/${slug}?lng=es`)).text();
    expect(es).toMatch(/<span lang="es">De aquí a 2030, reducir a menos del 3% los costos de transacción de las remesas/);
  });

  it("the MongoDB fallback filters by both too; a practice stored before evidence levels counts as not assessed", async () => {
    const f = { ...emptyFilters(), sdg: ["10.c"], evidence: ["evaluated-independent"] };
    const hits = (await listPublishedPractices(f, 1, 100)).hits;
    expect(hits.map((h) => h.slug)).toContain(slug);
    expect(hits.every((h) => h.sdgTargets.includes("10.c") && h.evidenceLevel === "evaluated-independent")).toBe(true);
    expect((await listPublishedPractices({ ...f, evidence: ["replicated"] }, 1, 100)).hits.map((h) => h.slug)).not.toContain(slug);
    // An older document without the field.
    const legacy = await published(`Legacy level ${unique()}`, {});
    await Practice.collection.updateOne({ _id: new mongoose.Types.ObjectId(legacy.id) }, { $unset: { evidenceLevel: "" } });
    const notAssessed = await listPublishedPractices({ ...emptyFilters(), evidence: ["not-assessed"] }, 1, 0);
    const all = await listPublishedPractices({ ...emptyFilters(), evidence: ["not-assessed"], lang: ["en"] }, 1, 500);
    expect(notAssessed.total).toBeGreaterThan(0);
    expect(all.hits.find((h) => h.slug === legacy.slug)?.evidenceLevel).toBe("not-assessed");
  });

  it("the search page offers both facets, translated", async () => {
    const html = await (await new Client().get(`/search?q=${encodeURIComponent(title)}&sdg=10.c&lng=fr`)).text();
    expect(html).toContain("<legend>Cible des ODD</legend>");
    expect(html).toContain("<legend>Niveau de preuve</legend>");
    expect(html).toMatch(/<input type="checkbox" id="[^"]+" name="sdg" checked="" value="10.c"\/><label for="[^"]+">10.c D’ici à 2030, faire baisser/);
    expect(html).toMatch(/name="evidence" value="evaluated-independent"\/><label for="[^"]+">Évaluée de manière indépendante/);
    expect(html).toContain(`href="/practices/${slug}"`);
  });
});

describe("the form", () => {
  it("marks the targets suggested for the chosen objectives without ticking them; evidence defaults to not assessed", async () => {
    const id = await newMemberDraft(member, `Suggestions ${unique()}`, { objectives: ["20"], sdgTargets: [], evidenceLevel: "" });
    const html = await (await member.get(`/practices/${id}/edit`)).text();
    expect(html).toMatch(/id="f-sdg-10.c"[^>]*>/);
    expect(html).not.toMatch(/<input[^>]*checked=""[^>]*id="f-sdg-10.c"|<input[^>]*id="f-sdg-10.c"[^>]*checked=""/);
    expect(html).toMatch(/suggested for objective (<!-- -->)?20/);
    // 16.9 is not suggested for objective 20, but is offered (the whole list, without JavaScript).
    expect(html).toContain('id="f-sdg-16.9"');
    expect(html).not.toMatch(/id="f-sdg-16.9-why"/);
    expect(html).toMatch(/<input[^>]*id="f-ev-not-assessed"[^>]*checked=""|<input[^>]*checked=""[^>]*id="f-ev-not-assessed"/);
    // Three empty outcome rows, no more.
    expect(html).toContain('name="outcomeIndicator-2"');
    expect(html).not.toContain('name="outcomeIndicator-3"');
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("refuses unknown targets, levels and bad outcome values with translated field errors (never a 500)", async () => {
    const title = `Bad evidence ${unique()}`;
    const res = await member.post("/practices/new", {
      ...fullForm(title),
      sdgTargets: ["10.7", "99.9"],
      evidenceLevel: "miracle",
      evaluationUrl: "javascript:alert(1)",
      "outcomeIndicator-0": "",
      "outcomeResult-0": "40 per cent",
      "outcomeYear-0": "20x4",
      peopleCount: "lots",
      intent: "save",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="f-sdgTargets-error">Choose from the options offered\./);
    expect(html).toMatch(/id="f-evidenceLevel-error">Choose from the options offered\./);
    expect(html).toMatch(/id="f-evaluationUrl-error">Enter a web address starting with http/);
    expect(html).toMatch(/id="f-outcomeIndicator-0-error">This field is required/);
    expect(html).toMatch(/id="f-outcomeYear-0-error">Enter a year between 1950 and 2100\./);
    expect(html).toMatch(/id="f-peopleCount-error">Enter a whole number/);
    // What was typed comes back.
    expect(html).toContain('value="40 per cent"');
    expect(await Practice.exists({ title })).toBeNull();
    const fr = await new Client().login(demo.member).then((c) => c.post("/practices/new?lng=fr", { ...fullForm(title), evidenceLevel: "miracle", intent: "save" }));
    expect(fr.status).toBe(400);
    expect(await fr.text()).toMatch(/id="f-evidenceLevel-error">Choisissez parmi les options proposées/);
  });

  it("requires an evidence level to submit; a draft takes the default", async () => {
    const title = `No level ${unique()}`;
    const id = await newMemberDraft(member, title, { evidenceLevel: "" });
    expect((await Practice.findById(id).lean())!.evidenceLevel).toBe("not-assessed");
    const res = await member.post(`/practices/${id}/edit`, { ...fullForm(title), evidenceLevel: "", intent: "submit" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="f-evidenceLevel-error">This field is required to submit the practice\./);
    expect((await Practice.findById(id).lean())!.status).toBe("draft");
  });

  it("bad filter values are a 400 on the API and ignored with a notice on pages", async () => {
    expect((await api("sdg=99.9")).status).toBe(400);
    expect((await api("evidence=strong")).status).toBe(400);
    expect((await api('sdg=10.7"%20OR%20type%20%3D%20"thread')).status).toBe(400);
    expect((await fetch(`${HUB}/api/v1/practices?evidence=strong`)).status).toBe(400);
    const page = await new Client().get("/practices?sdg=nope");
    expect(page.status).toBe(200);
    expect((await new Client().get("/search?evidence=nope")).status).toBe(200);
  });
});

describe("moderators", () => {
  it("see the level on the review page and can ask for the evaluation (changes requested with a comment)", async () => {
    const title = `Ask evaluation ${unique()}`;
    const id = await newMemberDraft(member, title, { evidenceLevel: "evaluated-internal" });
    expect((await member.post(`/practices/${id}/edit`, { ...fullForm(title), evidenceLevel: "evaluated-internal", intent: "submit" })).status).toBe(302);
    const review = await (await moderator.get(`/moderation/practices/${id}`)).text();
    expect(review).toMatch(/Evidence: (<!-- -->)?Evaluated internally/);
    expect(review).toContain('name="action" value="ask-evaluation"');
    expect(await htmlErrors(review)).toEqual([]);
    const ownerId = (await Practice.findById(id).lean())!.ownerId;
    const before = new Date();
    const res = await moderator.post(`/moderation/practices/${id}`, { action: "ask-evaluation" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("done=ask-evaluation");
    expect((await Practice.findById(id).lean())!.status).toBe("changes-requested");
    const n = await Notification.findOne({ userId: ownerId, kind: "practice-decision", createdAt: { $gte: before } }).lean();
    expect(String((n!.params as Record<string, string>).comment)).toContain("evidence level “Evaluated internally”");
    // Members cannot.
    expect((await member.post(`/moderation/practices/${id}`, { action: "ask-evaluation" })).status).toBe(403);
  });

  it("on a published practice, the request is an in-app notification to the owner", async () => {
    const { id } = await published(`Ask published ${unique()}`, { evidenceLevel: "monitored" });
    const ownerId = (await Practice.findById(id).lean())!.ownerId;
    const res = await moderator.post(`/moderation/practices/${id}`, { action: "ask-evaluation", comment: "Could you link the monitoring data?" });
    expect(res.status).toBe(302);
    const n = await Notification.findOne({ userId: ownerId, kind: "evaluation-requested" }).sort({ createdAt: -1 }).lean();
    expect(n!.params).toMatchObject({ comment: "Could you link the monitoring data?" });
    expect((await Practice.findById(id).lean())!.status).toBe("published");
  });
});

describe("may be out of date", () => {
  it("an old practice shows the notice; its owner is asked to update it once per period", async () => {
    const { id, slug } = await published(`Old practice ${unique()}`, {});
    const fresh = await (await new Client().get(`/practices/${slug}`)).text();
    expect(fresh).not.toContain("stale-notice");
    // Its own owner (a fresh account), so the demo accounts' notifications are untouched.
    const owner = await User.create({ email: `stale-${unique()}@example.net`, displayName: "Stale Owner", passwordHash: "disabled", roles: ["member"] });
    const old = new Date("1995-03-01T00:00:00Z");
    await Practice.updateOne({ _id: id }, { $set: { ownerId: owner._id, contentUpdatedAt: old, publishedAt: old } });
    // This test ages the practice in the store directly, which the running hub does not hear of:
    // the page as rendered now (a hard reload), not the one its page cache keeps for seconds.
    const renderNow = { "cache-control": "no-cache" };
    const html = await (await new Client().get(`/practices/${slug}`, renderNow)).text();
    expect(html).toMatch(/<p class="notice stale-notice" role="note">This practice was last updated on (<!-- -->)?1995-03-01(<!-- -->)? and may be out of date\./);
    expect(await (await new Client().get(`/practices/${slug}?lng=es`, renderNow)).text()).toContain("puede estar desactualizada");

    // A period that only this practice is older than (seeded practices are far younger).
    const now = new Date();
    const days = Math.floor((now.getTime() - new Date("1996-01-01T00:00:00Z").getTime()) / 86_400_000);
    expect(await notifyStalePractices(now, days)).toBe(1);
    expect(await notifyStalePractices(now, days)).toBe(0);
    const notes = await Notification.find({ userId: owner._id, kind: "practice-stale" }).lean();
    expect(notes.length).toBe(1);
    expect(notes[0].url).toBe(`/practices/${slug}`);
    // Once the last request is older than a period, it asks again.
    await Practice.updateOne({ _id: id }, { $set: { staleNotifiedAt: new Date("1995-06-01T00:00:00Z") } });
    expect(await notifyStalePractices(now, days)).toBe(1);
    expect(await Notification.countDocuments({ userId: owner._id, kind: "practice-stale" })).toBe(2);
    // A new publication starts the clock again: no notice.
    await Practice.updateOne({ _id: id }, { $set: { contentUpdatedAt: new Date() } });
    expect(await (await new Client().get(`/practices/${slug}`, renderNow)).text()).not.toContain("stale-notice");
  });
});
