// Security regression suite (issue 15, item 6): script payloads stored in the text fields of a
// practice, a thread, a reply and a file's description, and reflected through the search box and
// query strings, never run in Chromium: no dialog opens, no payload sets its marker, and the
// payload is shown as text where it was typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { Practice } from "../../models/practice.server";
import { trackDialogs, useBrowser } from "../helpers/browser";
import { Client, demo, HUB } from "../helpers/http";
import { as, db, newThread, OPEN_SPACE, resetPostLimits, threadIdFrom, reply } from "../integration/discussion-fixtures";
import { fullForm, unique } from "../integration/practice-fixtures";
import { disconnectDb } from "../../models/db.server";

const browser = useBrowser();
const tag = unique();
/** Each payload would set window.__xss if it ran. */
const payloads = [
  `<script>window.__xss="script-${tag}"</script>`,
  `<img src=x onerror="window.__xss='img-${tag}'">`,
  `"><svg onload="window.__xss='svg-${tag}'">`,
  `'--></style></textarea><iframe srcdoc="<script>parent.__xss='iframe-${tag}'</script>">`,
  `{{constructor.constructor('window.__xss="tpl-${tag}"')()}}`,
];
const all = payloads.join(" ");
let slug = "";
let threadId = "";

beforeAll(async () => {
  await db();
  await resetPostLimits();
  const member = await as("member");
  const moderator = await as("moderator");
  const title = `Payload practice ${tag} ${payloads[1]}`.slice(0, 190);
  const fields = fullForm(title, {
      summary: `Summary ${all}`.slice(0, 590),
      context: `Context ${all}`,
      description: `Description ${all}`,
      organizations: `Org ${payloads[0]}\nOrg ${payloads[2]}`,
      partners: `Partner ${payloads[3]}`,
      fundingSource: `Funding ${payloads[4]}`,
      contactName: `Contact ${payloads[1]}`,
      "linkTitle-0": `Link ${payloads[2]}`,
      "linkUrl-0": "https://example.org/report",
  });
  const res = await member.post("/practices/new", { ...fields, intent: "save" });
  expect(res.status, res.status === 302 ? "" : (/<div class="error-summary"[\s\S]*?<\/ul>/.exec(await res.text())?.[0] ?? "")).toBe(302);
  const id = /([a-f0-9]{24})/.exec(res.headers.get("location") ?? "")![1];
  const upload = new FormData();
  upload.set("intent", "upload");
  upload.set("alt", `Alt ${payloads[1]}`);
  upload.set("file", new Blob([new TextEncoder().encode(`%PDF-1.4\n% ${tag}\n%%EOF\n`)]), `report ${payloads[2]}.pdf`);
  expect((await member.postMultipart(`/practices/${id}/attachments`, upload)).status).toBe(302);
  expect((await member.post(`/practices/${id}/edit`, { ...fields, intent: "submit" })).status).toBe(302);
  expect((await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: `Published ${payloads[0]}` })).status).toBe(302);
  slug = (await Practice.findById(id).lean())!.slug;
  threadId = threadIdFrom(await newThread(member, { space: OPEN_SPACE, title: `Thread ${tag} ${payloads[2]}`.slice(0, 150), body: `Opening ${all}` }));
  expect((await reply(await as("member2"), threadId, `Reply ${all}`)).status).toBe(302);
});
afterAll(disconnectDb);

async function visit(page: Page, path: string) {
  const res = await page.goto(`${HUB}${path}`);
  expect(res?.status(), path).toBeLessThan(500);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null), path).toBeNull();
  expect(await page.locator("iframe").count(), `${path}: an injected frame`).toBe(0);
}

describe("script payloads", () => {
  it("stored in every text field, never run (with JavaScript on), and read as text", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const dialogs = trackDialogs(page);
    await visit(page, `/practices/${slug}`);
    expect(await page.locator("main").innerText()).toContain(`window.__xss="script-${tag}"`);
    await visit(page, `/threads/${threadId}`);
    expect(await page.locator("main").innerText()).toContain(`onerror="window.__xss='img-${tag}'"`);
    await visit(page, "/practices");
    await visit(page, `/search?q=${encodeURIComponent(tag)}`);
    await visit(page, "/threads");
    // signed in: the moderation and owner pages show the same content
    const member = new Client();
    await member.login(demo.member);
    await ctx.addCookies([...member.cookies].map(([name, value]) => ({ name, value, url: HUB })));
    await visit(page, "/me/practices");
    const { _id } = (await Practice.findOne({ slug }).select("_id").lean())!;
    await visit(page, `/practices/${_id}/attachments`);
    await visit(page, `/practices/${_id}/edit`);
    await visit(page, `/practices/${slug}/history`);
    expect(dialogs).toEqual([]);
    await ctx.close();
  });

  it("reflected through the search box and query strings, never run", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const dialogs = trackDialogs(page);
    for (const p of payloads) {
      const q = encodeURIComponent(p);
      await visit(page, `/search?q=${q}`);
      expect(await page.getByRole("searchbox").first().inputValue()).toBe(p);
      await visit(page, `/practices?q=${q}&region=${q}&objective=${q}`);
      await visit(page, `/organizations?q=${q}&type=${q}`);
      await visit(page, `/login?redirectTo=${q}`);
      await visit(page, `/no-such-page/${q}`);
      await visit(page, `/insights?axis=region&country=${q}`);
    }
    // typed into the search box with live results
    await page.goto(`${HUB}/search`);
    await page.getByRole("searchbox").first().fill(payloads[1]);
    await page.waitForTimeout(1200);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)).toBeNull();
    expect(dialogs).toEqual([]);
    await ctx.close();
  });
});
