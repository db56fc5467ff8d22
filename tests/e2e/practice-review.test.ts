import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launch, login, pickCountry } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";
import mongoose from "mongoose";
import { connectDb } from "../../models/db.server";
import { Practice } from "../../models/practice.server";
import { AuditEntry } from "../../models/audit.server";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await mongoose.disconnect();
});

const unique = () => Math.random().toString(36).slice(2, 8);

async function typeInEditor(page: Page, section: string, text: string) {
  const editor = page.locator(`[contenteditable="true"][aria-labelledby="f-${section}-label"]`);
  await editor.waitFor();
  await editor.click();
  await page.keyboard.type(text);
}

async function fillRequired(page: Page, title: string) {
  await page.getByLabel(/^Title/).fill(title);
  await page.getByLabel(/^Summary/).fill("A pilot that helps returning migrants find work.");
  await page.getByLabel(/^Implementing organization/).fill("Returnee Support Office (e2e)");
  await page.locator("#f-obj-5").check();
  await page.locator("#f-pr-people-centred").check();
  await page.getByLabel(/^Contact person/).fill("Kwame Mensah");
  // The country picker: a combobox with JavaScript, a grouped checkbox list without (a box ticked
  // before the script arrives is kept by the combobox).
  await pickCountry(page, "Ghana", "GH");
}

describe("practice submission and review in a browser", () => {
  it("member submits with the Lexical editor → changes requested → resubmits → published and public", async () => {
    const title = `Returnee jobs pilot ${unique()}`;
    const memberCtx = await browser.newContext();
    const m = await memberCtx.newPage();
    await login(m, demo.member);
    await m.goto(`${HUB}/practices/new`);
    await m.locator("h1", { hasText: "Submit a practice" }).waitFor();
    await fillRequired(m, title);

    // Rich text with the editor: a bold word through the toolbar.
    await typeInEditor(m, "description", "The office matches returnees with employers. ");
    const toolbar = m.locator('[data-editor-for="description"]').getByRole("toolbar", { name: "Formatting" });
    const bold = toolbar.getByRole("button", { name: "Bold" });
    await bold.click();
    await toolbar.getByRole("button", { name: "Bold", pressed: true }).waitFor({ timeout: 5000 });
    await m.keyboard.type("Fast");
    await bold.click();
    await toolbar.getByRole("button", { name: "Bold", pressed: false }).waitFor({ timeout: 5000 });
    await m.keyboard.type(" placement.");
    expect(await m.locator('input[name="descriptionState"]').inputValue()).toContain("Fast");

    // Autosave reports in a polite live region.
    await m.locator(".autosave-status", { hasText: /Draft saved at/ }).waitFor({ timeout: 20_000 });
    expect(await m.locator(".autosave-status").getAttribute("aria-live")).toBe("polite");

    expect(await axeViolations(m)).toEqual([]);
    await m.getByRole("button", { name: "Submit for review" }).click();
    await m.waitForURL(/\/me\/practices/);
    await m.locator("h1", { hasText: "My submissions" }).waitFor();
    const row = m.locator("tr", { hasText: title });
    expect(await row.innerText()).toContain("Submitted for review");
    expect(await row.count()).toBe(1);

    // Stored as submitted, with an audit entry.
    await connectDb();
    const stored = (await Practice.findOne({ title }).lean())!;
    expect(stored.status).toBe("submitted");
    expect(stored.sections!.description!.html).toContain("<strong>Fast</strong>");
    expect(await AuditEntry.countDocuments({ subjectId: stored._id, to: "submitted" })).toBe(1);

    // Moderator requests changes.
    const modCtx = await browser.newContext();
    const mod = await modCtx.newPage();
    await login(mod, demo.moderator);
    await mod.goto(`${HUB}/moderation`);
    await mod.getByRole("link", { name: title }).click();
    await mod.locator("h1", { hasText: title }).waitFor();
    expect(await mod.locator(".rich-text strong", { hasText: "Fast" }).count()).toBe(1);
    await mod.getByLabel("Comment for the submitter").fill("Please describe the results.");
    await mod.getByRole("button", { name: "Request changes" }).click();
    await mod.locator("p.success", { hasText: "Changes have been requested" }).waitFor();

    // Member edits and resubmits.
    await m.goto(`${HUB}/me/practices`);
    await m.locator("tr", { hasText: title }).getByRole("link", { name: /Edit/ }).click();
    await m.locator("h1", { hasText: title }).waitFor();
    expect(await m.locator("main").innerText()).toContain("Please describe the results.");
    await typeInEditor(m, "results", "Two hundred returnees found jobs.");
    await m.getByRole("button", { name: "Submit for review" }).click();
    await m.waitForURL(/\/me\/practices/);
    await m.locator("h1", { hasText: "My submissions" }).waitFor();
    expect(await m.locator("tr", { hasText: title }).innerText()).toContain("Submitted for review");

    // Moderator publishes.
    await mod.goto(`${HUB}/moderation`);
    await mod.getByRole("link", { name: title }).click();
    await mod.locator("h1", { hasText: title }).waitFor();
    expect(await mod.locator("main").innerText()).toContain("First submission"); // no earlier published revision
    await mod.getByRole("button", { name: "Approve and publish" }).click();
    await mod.locator("p.success", { hasText: "The practice has been published." }).waitFor();

    // Public and findable on /practices.
    const anonCtx = await browser.newContext();
    const a = await anonCtx.newPage();
    // /practices is read from the search index, which follows a publication within seconds
    const link = a.getByRole("link", { name: title });
    for (let i = 0; i < 30; i++) {
      await a.goto(`${HUB}/practices`);
      if (await link.count()) break;
      await a.waitForTimeout(1000);
    }
    await link.click();
    await a.locator("h1", { hasText: title }).waitFor();
    const body = await a.locator("main").innerText();
    expect(body).toContain("Two hundred returnees found jobs.");
    expect(await a.locator(".rich-text strong", { hasText: "Fast" }).count()).toBe(1);
    await Promise.all([memberCtx.close(), modCtx.close(), anonCtx.close()]);
  }, 180_000);

  it("works without JavaScript: the textarea fallback submits a practice", async () => {
    const title = `No-JS practice ${unique()}`;
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demo.member2);
    await page.goto(`${HUB}/practices/new`);
    expect(await page.locator('[contenteditable="true"]').count()).toBe(0);
    // Missing fields come back with errors and the typed values.
    await page.getByLabel(/^Title/).fill(title);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.getByLabel(/^Title/).inputValue()).toBe(title);
    await fillRequired(page, title);
    await page.locator("textarea#f-description").fill("First paragraph.\n\nSecond paragraph <script>alert(1)</script>.");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.waitForURL(/\/me\/practices/);
    expect(await page.locator("tr", { hasText: title }).innerText()).toContain("Submitted for review");
    await ctx.close();
  }, 120_000);
});
