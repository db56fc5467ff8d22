import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { Client, demo } from "../helpers/http";
import { htmlErrors } from "../helpers/browser";
import { db, fullForm, newMemberDraft, unique } from "./practice-fixtures";
import { Practice } from "../../models/practice.server";
import { enqueueIndexMany } from "../../search/outbox.server";

let member: Client;
let member2: Client;
let moderator: Client;

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  member2 = await new Client().login(demo.member2);
  moderator = await new Client().login(demo.moderator);
});
afterAll(async () => {
  await mongoose.disconnect();
});

const state = (children: object[]) => JSON.stringify({ root: { type: "root", version: 1, direction: null, format: "", indent: 0, children } });
const text = (t: string, format = 0) => ({ type: "text", version: 1, text: t, detail: 0, format, mode: "normal", style: "" });
const para = (children: object[]) => ({ type: "paragraph", version: 1, direction: null, format: "", indent: 0, textFormat: 0, textStyle: "", children });
const link = (url: string, t: string) => ({ type: "link", url, version: 1, rel: null, target: null, title: null, direction: null, format: "", indent: 0, children: [text(t)] });

describe("the submission form", () => {
  it("asks anonymous visitors to log in", async () => {
    const res = await new Client().get("/practices/new");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("renders valid HTML with labelled, grouped fields and required markers", async () => {
    const res = await member.get("/practices/new");
    expect(res.status).toBe(200);
    const html = await res.text();
    const errs = await htmlErrors(html);
    if (errs.length) console.log(errs);
    expect(errs).toEqual([]);
    expect(html).toContain("<fieldset");
    expect(html).toContain("<legend>");
    for (const name of ["title", "summary", "context", "description", "implementation", "results", "lessons", "replicability", "organizations", "countries", "contactName", "startDate", "budgetRange", "linkUrl-0"]) {
      expect(html, name).toContain(`name="${name}"`);
    }
    expect(html).toMatch(/for="f-description"[^>]*>Description of the practice<span class="required">/);
    expect(html).toContain("Fields marked “required”");
  });

  it("returns translated field errors with every typed value kept", async () => {
    const fr = await new Client().login(demo.member);
    await fr.get("/?lng=fr");
    const res = await fr.post("/practices/new", {
      ...fullForm("Mon <b>titre</b> à moi", { summary: "", organizations: "", objectives: [], principles: [], contactEmail: "not-an-email", fundingSource: "Fonds spécial", startDate: "2024-13-45" }),
      intent: "submit",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Ce champ est obligatoire pour soumettre la pratique.");
    expect(html).toContain("Saisissez une adresse électronique valide.");
    expect(html).toContain("Saisissez une date valide");
    expect(html).toContain('value="Mon &lt;b&gt;titre&lt;/b&gt; à moi"');
    expect(html).toContain('value="Fonds spécial"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('value="2024-13-45"');
    expect(html).toContain("Description of what the practice does.");
    expect(html).toMatch(/<input(?=[^>]*name="countries")(?=[^>]*value="GH")(?=[^>]*checked)[^>]*>/);
    expect(html).toMatch(/id="f-summary"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/aria-describedby="f-contactEmail-error"/);
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("answers 400 for Lexical JSON that is not valid for the allowed nodes", async () => {
    for (const bad of [
      "{not json",
      state([{ type: "html", version: 1, html: "<script>alert(1)</script>" }]),
      state([{ type: "heading", tag: "h1", version: 1, children: [text("x")] }]),
      state([para([link("javascript:alert(1)", "click")])]),
      JSON.stringify({ root: { type: "paragraph" } }),
    ]) {
      const res = await member.post("/practices/new", { ...fullForm(`Bad state ${unique()}`), descriptionState: bad, intent: "save" });
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain("This content could not be read");
    }
  });

  it("refuses javascript: and other non-web resource links", async () => {
    for (const url of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x", "//evil.example"]) {
      const res = await member.post("/practices/new", { ...fullForm(`Bad link ${unique()}`), "linkUrl-0": url, intent: "save" });
      expect(res.status, url).toBe(400);
      expect(await res.text()).toContain("Enter a web address starting with http:// or https://.");
    }
  });

  it("refuses unknown taxonomy values and operator-shaped field names", async () => {
    const res = await member.post("/practices/new", { ...fullForm(`Bad taxonomy ${unique()}`), objectives: ["99"], countries: ["XX"], intent: "save" });
    expect(res.status).toBe(400);
    const res2 = await member.post("/practices/new", { ...fullForm("x"), "title[$ne]": "x", intent: "save" });
    expect(res2.status).toBe(400);
  });

  it("answers 413 for oversized bodies", async () => {
    const res = await member.post("/practices/new", { ...fullForm("Huge"), description: "x".repeat(1_200_000), intent: "save" });
    expect(res.status).toBe(413);
  });

  it("saves a draft with only a title; the slug is transliterated; drafts are private", async () => {
    const title = `Intégration à Zürich ${unique()}`;
    const res = await member.post("/practices/new", { title, intent: "save" });
    expect(res.status).toBe(302);
    const id = /\/practices\/([a-f0-9]{24})\/edit/.exec(res.headers.get("location") ?? "")![1];
    const doc = await Practice.findById(id).lean();
    expect(doc!.status).toBe("draft");
    expect(doc!.slug).toMatch(/^integration-a-zurich-/);
    expect((await member.get(`/practices/${id}/edit`)).status).toBe(200);
    // Someone else's draft: 404, not 403 — for members and moderators alike.
    expect((await member2.get(`/practices/${id}/edit`)).status).toBe(404);
    expect((await member2.post(`/practices/${id}/edit`, { ...fullForm("Hijack"), intent: "save" })).status).toBe(404);
    expect((await moderator.get(`/practices/${id}/edit`)).status).toBe(404);
    expect((await moderator.get(`/moderation/practices/${id}`)).status).toBe(404);
    expect((await new Client().get(`/practices/${doc!.slug}`)).status).toBe(404);
    expect((await member.get(`/practices/not-an-id/edit`)).status).toBe(404);
  });

  it("autosaves: creates the draft, then updates it, answering JSON", async () => {
    const title = `Autosaved ${unique()}`;
    const res = await member.post("/practices/new?_data=routes%2Fpractices.new", { title, summary: "first", intent: "autosave" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.savedAt).toBeTruthy();
    expect(body.id).toMatch(/^[a-f0-9]{24}$/);
    const res2 = await member.post(`/practices/${body.id}/edit?_data=routes%2Fpractices.%24id.edit`, { ...fullForm(title), summary: "second", intent: "autosave" });
    expect(res2.status).toBe(200);
    expect((await res2.json()).id).toBe(body.id);
    const doc = await Practice.findById(body.id).lean();
    expect(doc!.summary, JSON.stringify({ v: doc!.version, t: doc!.title })).toBe("second");
    expect(doc!.contact!.name).toBe("Ana Test");
  });

  it("stores sanitized HTML from Lexical state with hostile content, then submits", async () => {
    const title = `Hostile ${unique()}`;
    const description = state([
      para([text("<script>alert(1)</script>"), text(" bold", 1)]),
      para([link("https://example.org/ok", "safe link")]),
      { type: "heading", tag: "h2", version: 1, direction: null, format: "", indent: 0, children: [text('<img src=x onerror="alert(1)">')] },
    ]);
    const res = await member.post("/practices/new", { ...fullForm(title), descriptionState: description, intent: "submit" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/me\/practices\?submitted=/);
    const doc = await Practice.findOne({ title }).lean();
    expect(doc!.status).toBe("submitted");
    const html = doc!.sections!.description!.html;
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror|javascript:/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("<strong>");
    expect(html).toContain('<a href="https://example.org/ok" rel="nofollow noopener noreferrer ugc">safe link</a>');
    expect(doc!.regions).toEqual(["Africa"]);
    expect(doc!.objectives).toEqual([5, 18]);
    expect(doc!.links).toEqual([{ title: "Report", url: "https://example.org/report" }]);
    // My submissions shows the status; a submitted practice cannot be edited.
    const mine = await (await member.get("/me/practices")).text();
    expect(mine).toContain(title);
    expect(mine).toContain("Submitted for review");
    const edit = await (await member.get(`/practices/${doc!._id}/edit`)).text();
    expect(edit).toContain("awaiting review");
    expect(edit).not.toContain('name="intent"');
    const again = await member.post(`/practices/${doc!._id}/edit`, { ...fullForm(title), intent: "save" });
    expect(again.status).toBe(409);
  });

  it("my practices pages by 25, last changed first, without counting them; past the end is a 404", async () => {
    const { freshMember } = await import("./discussion-fixtures");
    const { client, user } = await freshMember("Prolific");
    const firstId = await newMemberDraft(client, `Prolific first ${unique()}`);
    const first = (await Practice.findById(firstId).lean())!;
    const t0 = Date.now();
    // 25 more of the same owner, each changed a minute before the one after it.
    const copies = Array.from({ length: 25 }, (_, i) => {
      const { _id, ...rest } = first;
      void _id;
      return { ...rest, _id: new mongoose.Types.ObjectId(), ownerId: user._id, slug: `prolific-${unique()}-${i}`, title: `Prolific copy ${i}`, updatedAt: new Date(t0 + (i + 1) * 60_000) };
    });
    await Practice.collection.insertMany(copies);
    // through the search outbox, as any script must (else they wait for a sweep, and so does /healthz)
    await enqueueIndexMany("practice", copies.map((c) => c._id));
    const page1 = await (await client.get("/me/practices")).text();
    expect(page1.match(/<td class="card-table-title">/g)).toHaveLength(25);
    expect(page1.indexOf("Prolific copy 24")).toBeLessThan(page1.indexOf("Prolific copy 23"));
    expect(page1).not.toContain("Prolific first");
    expect(page1).toContain('<span aria-current="page">Page 1</span>');
    expect(page1).toContain('rel="next"');
    const page2 = await (await client.get("/me/practices?page=2")).text();
    expect(page2.match(/<td class="card-table-title">/g)).toHaveLength(1);
    expect(page2).toContain("Prolific first");
    expect(page2).not.toContain('rel="next"');
    expect(await htmlErrors(page2)).toEqual([]);
    expect((await client.get("/me/practices?page=3")).status).toBe(404);
  });

  it("refuses to submit an incomplete draft even when posted directly", async () => {
    const id = await newMemberDraft(member, `Incomplete ${unique()}`, { summary: "", objectives: [] });
    const res = await member.post(`/practices/${id}/edit`, { ...fullForm("Incomplete again"), objectives: [], intent: "submit" });
    expect(res.status).toBe(400);
    expect((await Practice.findById(id).lean())!.status).toBe("draft");
  });
});
