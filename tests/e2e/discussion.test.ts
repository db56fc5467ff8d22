// A discussion in a real browser: A opens a thread; B replies quoting A and mentioning @A;
// A sees both notifications and reports B's reply; a moderator hides it; the public no
// longer sees it. Plus a reply without JavaScript, and axe on the discussion pages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launch, login } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";
import { disconnectDb } from "../../models/db.server";
import { resetPostLimits } from "../integration/discussion-fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
beforeEach(resetPostLimits);
afterAll(async () => {
  await browser?.close();
  await disconnectDb();
});

const SPACE = "repository-peer-exchange";
const unique = () => Math.random().toString(36).slice(2, 8);

async function typeBody(page: Page, text: string) {
  const editor = page.locator('[contenteditable="true"][aria-labelledby="f-body-label"]');
  await editor.waitFor();
  await editor.click();
  await page.keyboard.type(text);
}

let threadUrl = "";
const replyText = `Here is our experience ${unique()}`;

describe("a discussion in the browser", () => {
  it("A opens, B quotes and mentions A, A is notified and reports, a moderator hides, the public no longer sees it", async () => {
    const title = `Information centres that work ${unique()}`;
    const aCtx = await browser.newContext();
    const a = await aCtx.newPage();
    await login(a, demo.member);
    await a.goto(`${HUB}/spaces/${SPACE}`);
    await a.getByRole("link", { name: "Start a discussion" }).click();
    await a.locator("h1", { hasText: "Start a discussion" }).waitFor();
    await a.getByLabel(/^Title/).fill(title);
    await typeBody(a, "Which one-stop information centres for migrants have worked in your country?");
    await a.getByLabel("3. Information provision").check();
    await a.getByRole("button", { name: "Publish the discussion" }).click();
    await a.locator("h1", { hasText: title }).waitFor();
    threadUrl = a.url().replace(/[?#].*$/, "");
    expect(threadUrl).toMatch(/\/threads\/[a-f0-9]{24}$/);

    const bCtx = await browser.newContext();
    const b = await bCtx.newPage();
    await login(b, demo.member2);
    await b.goto(threadUrl);
    await b.locator("h1", { hasText: title }).waitFor();
    await b.locator("article.thread").getByRole("link", { name: /^Quote/ }).click();
    await b.getByText("Quoting Kwame Mensah:").waitFor();
    await typeBody(b, `Thanks @Kwame Mensah. ${replyText}`);
    await b.getByRole("button", { name: "Post reply" }).click();
    const posted = b.locator(".reply", { hasText: replyText });
    await posted.waitFor();
    expect(await posted.locator("figcaption").innerText()).toContain("Kwame Mensah wrote:");

    await a.goto(`${HUB}/notifications`);
    await a.locator("h1", { hasText: "Notifications" }).waitFor();
    const quoted = a.locator(".notification", { hasText: "Claire Dubois quoted you in" }).filter({ hasText: title });
    const mentioned = a.locator(".notification", { hasText: "Claire Dubois mentioned you in" }).filter({ hasText: title });
    expect(await quoted.count()).toBe(1);
    expect(await mentioned.count()).toBe(1);
    expect(await quoted.innerText()).toContain("Unread");
    await mentioned.getByRole("link").click();
    await a.locator("h1", { hasText: title }).waitFor();
    const reply = a.locator(".reply", { hasText: replyText });
    await reply.getByRole("link", { name: "Report" }).click();
    await a.locator("h1", { hasText: "Report a reply" }).waitFor();
    const reason = `Contains personal data ${unique()}`;
    await a.getByLabel(/Why should the moderators/).fill(reason);
    await a.getByRole("button", { name: "Send the report" }).click();
    await a.getByText("The moderators will look at your report.").waitFor();

    const mCtx = await browser.newContext();
    const m = await mCtx.newPage();
    await login(m, demo.moderator);
    await m.goto(`${HUB}/moderation/reports`);
    const card = m.locator(".report", { hasText: reason });
    await card.waitFor();
    expect(await card.innerText()).toContain(replyText);
    await card.getByRole("button", { name: "Hide the content and resolve" }).click();
    await m.locator(".report", { hasText: reason }).waitFor({ state: "detached" });

    const pCtx = await browser.newContext();
    const p = await pCtx.newPage();
    const res = await p.goto(threadUrl);
    expect(res?.status()).toBe(200);
    await p.locator("h1", { hasText: title }).waitFor();
    expect(await p.getByText(replyText).count()).toBe(0);
    for (const c of [aCtx, bCtx, mCtx, pCtx]) await c.close();
  });

  it("replies work without JavaScript", async () => {
    expect(threadUrl).not.toBe("");
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demo.member2);
    await page.goto(threadUrl);
    const text = `A reply without JavaScript ${unique()}`;
    await page.locator("textarea#f-body").fill(text);
    await page.getByRole("button", { name: "Post reply" }).click();
    await page.waitForURL(/\/threads\/[a-f0-9]{24}/);
    expect(await page.locator(".reply", { hasText: text }).count()).toBe(1);
    // And a quote link, still without JavaScript.
    await page.locator(".reply", { hasText: text }).getByRole("link", { name: /^Quote/ }).click();
    await page.getByText("Quoting Claire Dubois:").waitFor();
    await ctx.close();
  });

  it("has no serious accessibility violations on the discussion pages", async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    await login(page, demo.member);
    for (const path of ["/spaces", `/spaces/${SPACE}`, threadUrl.replace(HUB, ""), "/notifications", `/spaces/${SPACE}/new`, "/threads?objective=3"]) {
      await page.goto(HUB + path);
      await page.locator("h1").first().waitFor();
      // Pages with a reply or thread form: wait until the editor has replaced the textarea.
      if (path.startsWith("/threads/") || path.endsWith("/new")) await page.locator('[contenteditable="true"]').first().waitFor();
      expect(await axeViolations(page), path).toEqual([]);
    }
    const mod = await browser.newContext({ bypassCSP: true });
    const mp = await mod.newPage();
    await login(mp, demo.moderator);
    for (const path of ["/moderation/reports", "/moderation/reports?tab=closed", threadUrl.replace(HUB, "")]) {
      await mp.goto(HUB + path);
      await mp.locator("h1").first().waitFor();
      if (path.startsWith("/threads/")) await mp.locator('[contenteditable="true"]').first().waitFor();
      expect(await axeViolations(mp), path).toEqual([]);
    }
    await ctx.close();
    await mod.close();
  });
});
