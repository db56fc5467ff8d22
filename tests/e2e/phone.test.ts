// Phones: at 360×740 no page is wider than the screen, the closed header leaves the page most
// of the screen, and the country picker works with a keyboard only and without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import mongoose from "mongoose";
import { login, useBrowser } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";
import { connectDb } from "../../models/db.server";
import { PracticeRevision } from "../../models/practice-revision.server";
import { Practice, practiceContentFields } from "../../models/practice.server";

const browser = useBrowser();
const PHONE = { width: 360, height: 740 };
const MAX_HEADER = 148; // under 20 % of 740 px

interface Seeded {
  practice: string;
  compare: string;
  history: string;
  thread: string;
  space: string;
}
let seeded: Seeded;
let extraRevisions: mongoose.Types.ObjectId[] = [];

beforeAll(async () => {
  const list = (await (await fetch(`${HUB}/api/v1/practices?perPage=100`)).json()) as { hits: { slug: string; id?: string }[] };
  expect(list.hits.length).toBeGreaterThan(1);
  const slug = list.hits[list.hits.length - 1].slug;
  // Two published revisions with long words and a long URL, so the compare page has a real
  // diff to lay out (the seed does not go through publication, so there are none).
  await connectDb();
  const practice = await Practice.findOne({ slug }).lean();
  expect(practice, slug).toBeTruthy();
  const content = Object.fromEntries(Object.keys(practiceContentFields).map((k) => [k, (practice as unknown as Record<string, unknown>)[k]]));
  const before = { ...content, summary: String(content.summary).slice(0, 200) };
  const after = { ...before, summary: `${before.summary} Internationalisationsvereinbarungsprozessbeschreibung https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all?with=query&and=more` };
  const made = await PracticeRevision.insertMany([
    { practiceId: practice!._id, number: 1000, slug, snapshot: before },
    { practiceId: practice!._id, number: 1001, slug, snapshot: after },
  ]);
  extraRevisions = made.map((r) => r._id);
  const threads = await (await fetch(`${HUB}/threads`)).text();
  const spaces = await (await fetch(`${HUB}/spaces`)).text();
  seeded = {
    practice: list.hits[0].slug,
    compare: `/practices/${slug}/compare?a=1000&b=1001`,
    history: `/practices/${slug}/history`,
    thread: threads.match(/href="(\/threads\/[0-9a-f]{24})"/)![1],
    space: spaces.match(/href="(\/spaces\/(?!new)[a-z0-9-]+)"/)![1],
  };
});

afterAll(async () => {
  if (extraRevisions.length) await PracticeRevision.deleteMany({ _id: { $in: extraRevisions } });
  await mongoose.disconnect();
});

const publicPaths = () => [
  "/",
  "/practices",
  `/practices/${seeded.practice}`,
  seeded.compare,
  seeded.history,
  "/search?q=migrants",
  "/threads",
  seeded.thread,
  "/spaces",
  seeded.space,
  "/objectives",
  "/objectives/1",
  "/regions",
  "/regions/africa",
  "/insights",
  "/this-page-does-not-exist",
  // Right-to-left, and the languages with the longest words and labels.
  "/?lng=ar",
  `/practices/${seeded.practice}?lng=ar`,
  "/insights?lng=ar",
  "/practices?lng=ru",
  "/search?q=migrants&lng=ru",
  "/search?q=migration&more=country",
  "/?lng=zh",
];

async function phone(opts: { javaScriptEnabled?: boolean } = {}) {
  return browser().newContext({ viewport: PHONE, ...opts });
}

/** Page width against the screen, the closed header's height, and what sticks out (for the message). */
async function measure(page: Page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 1 && (r.right > vw + 0.5 || r.left < -0.5);
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
    const header = document.querySelector("header.site-header");
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: vw,
      headerHeight: header ? header.getBoundingClientRect().height : Infinity,
      wide,
    };
  });
}

/** What is wrong with a page at phone size (nothing when it fits). */
async function problemsOf(page: Page, path: string): Promise<string[]> {
  const res = await page.goto(HUB + path);
  const problems: string[] = [];
  const status = res?.status() ?? 0;
  if (status >= (path.includes("does-not-exist") ? 500 : 400)) problems.push(`${path}: status ${status}`);
  await page.waitForLoadState("load");
  const m = await measure(page);
  if (m.scrollWidth > m.innerWidth) problems.push(`${path} is ${m.scrollWidth} px wide: ${m.wide.join(", ")}`);
  if (!(m.headerHeight < MAX_HEADER)) problems.push(`${path}: the header is ${Math.round(m.headerHeight)} px tall`);
  return problems;
}

/** Links on a page matching a pattern (the first one's href). */
async function firstHref(page: Page, path: string, selector: string) {
  await page.goto(HUB + path);
  const href = await page.locator(selector).first().getAttribute("href");
  expect(href, `${selector} on ${path}`).toBeTruthy();
  return href!;
}

async function walk(ctx: BrowserContext, paths: string[]) {
  const page = await ctx.newPage();
  const problems: string[] = [];
  for (const p of paths) problems.push(...(await problemsOf(page, p)));
  await page.close();
  expect(problems).toEqual([]);
}

describe("at 360×740", () => {
  it("signed out: every public page fits the screen, and login and register too", async () => {
    const ctx = await phone();
    await walk(ctx, [...publicPaths(), "/login", "/register"]);
    await ctx.close();
  });

  it("signed in as a member: every page fits, including the practice form and my submissions", async () => {
    const ctx = await phone();
    const page = await ctx.newPage();
    await login(page, demo.member);
    const edit = await firstHref(page, "/me/practices", 'a[href$="/edit"]');
    await page.close();
    await walk(ctx, [...publicPaths(), "/practices/new", edit, "/me", "/me/practices", "/notifications"]);
    await ctx.close();
  });

  it("signed in as a moderator: the moderation pages fit too", async () => {
    const ctx = await phone();
    const page = await ctx.newPage();
    await login(page, demo.moderator);
    const review = await firstHref(page, "/moderation", 'main a[href^="/moderation/practices/"]');
    await page.close();
    await walk(ctx, [...publicPaths(), "/moderation", review, "/moderation/reports", "/notifications", "/me", "/practices/new"]);
    await ctx.close();
  });

  it("signed in as an admin: the user list fits", async () => {
    const ctx = await phone();
    const page = await ctx.newPage();
    await login(page, demo.admin);
    await page.close();
    await walk(ctx, ["/admin", "/admin/users"]);
    await ctx.close();
  });

  it("the header menu opens and closes without JavaScript and reaches the account links", async () => {
    const ctx = await phone({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demo.member);
    await page.goto(`${HUB}/practices`);
    const notifications = page.getByRole("link", { name: /^Notifications/ });
    expect(await notifications.isVisible()).toBe(false);
    // The language switcher stays visible when the menu is closed.
    expect(await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Français" }).isVisible()).toBe(true);
    await page.locator(".site-header summary").click();
    await notifications.waitFor({ state: "visible" });
    const m = await measure(page);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
    await notifications.click();
    await page.waitForURL(/\/notifications$/);
    await page.locator(".site-header summary").click();
    await page.getByRole("link", { name: "My submissions" }).click();
    await page.waitForURL(/\/me\/practices$/);
    await ctx.close();
  });

  it("on a wide screen the navigation shows without a menu button, and with JavaScript the menu folds after a click", async () => {
    const wide = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const w = await wide.newPage();
    await login(w, demo.member);
    await w.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "My submissions" }).waitFor({ state: "visible", timeout: 5000 });
    expect(await w.locator(".site-header summary").isVisible()).toBe(false);
    await wide.close();

    const ctx = await phone();
    const page = await ctx.newPage();
    await login(page, demo.member);
    await page.goto(`${HUB}/?lng=en`); // a fresh page load: the tap below may come before hydration, and must hold
    await page.locator(".site-header summary").click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Regions" }).click();
    await page.waitForURL(/\/regions$/);
    await page.locator("h1").waitFor();
    expect(await page.locator(".site-menu").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await ctx.close();
  });
});

describe("the country picker", () => {
  const unique = () => Math.random().toString(36).slice(2, 8);

  it("works with the keyboard only: type, arrows, Enter adds a chip, remove buttons and Backspace remove, saving keeps the choice", async () => {
    const ctx = await phone();
    const page = await ctx.newPage();
    await login(page, demo.member);
    await page.goto(`${HUB}/practices/new`);
    await page.getByLabel(/^Title/).fill(`Picker ${unique()}`);
    const box = page.getByRole("combobox", { name: /^Countries/ });
    await box.waitFor();
    await box.focus();
    const status = page.locator('.country-picker [role="status"]');
    const chips = page.getByRole("list", { name: "Chosen countries" }).getByRole("listitem");

    // Type, move with the arrow keys, Enter adds the highlighted country.
    await page.keyboard.type("united");
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    const listbox = page.getByRole("listbox", { name: /^Countries/ });
    const options = await listbox.getByRole("option").allInnerTexts();
    expect(options.length).toBeGreaterThan(2);
    expect(options.every((o) => /united/i.test(o))).toBe(true);
    await page.keyboard.press("ArrowDown");
    const active = page.locator(`[id="${await box.getAttribute("aria-activedescendant")}"]`);
    expect(await active.getAttribute("aria-selected")).toBe("true");
    const second = await active.innerText();
    expect(second).toBe(options[1]);
    await page.keyboard.press("Enter");
    expect(page.url()).toMatch(/\/practices\/new$/); // Enter picks; it does not submit
    await page.waitForFunction(() => document.querySelectorAll(".chip").length === 1);
    expect(await chips.allInnerTexts()).toEqual([expect.stringContaining(second)]);
    expect(await status.innerText()).toContain(second);
    expect(await box.inputValue()).toBe("");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);

    // Accents and case do not matter; a country already chosen is no longer offered.
    await page.keyboard.type("CÔTE");
    expect(await listbox.getByRole("option").allInnerTexts()).toEqual([expect.stringMatching(/^C.te d.Ivoire$/)]);
    await page.keyboard.press("Enter");
    await page.keyboard.type("gha");
    await page.keyboard.press("Enter");
    await page.keyboard.type("united");
    expect(await listbox.getByRole("option").allInnerTexts()).not.toContain(second);
    await page.keyboard.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("Escape");
    expect(await box.inputValue()).toBe("");
    expect(await chips.count()).toBe(3);

    // Backspace in the empty box removes the last chip (Ghana).
    await page.keyboard.press("Backspace");
    await page.waitForFunction(() => document.querySelectorAll(".chip").length === 2);
    expect(await status.innerText()).toMatch(/Removed: Ghana/);

    // Shift+Tab reaches the last chip's remove button; Enter on it removes Côte d'Ivoire.
    await page.keyboard.press("Shift+Tab");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    expect(focused).toMatch(/^Remove C.te d.Ivoire$/);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".chip").length === 1);
    expect(await status.innerText()).toMatch(/Removed: C.te d.Ivoire/);
    // The focus moves to the chip left in its place, not to the top of the page.
    // (moved once the removal has rendered: polled, a loaded machine renders later)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`Remove ${second}`);

    // Add Kenya again from the keyboard, then save: the saved draft has exactly those two.
    await box.focus();
    await page.keyboard.type("kenya");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Save draft" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/practices\/[0-9a-f]{24}\/edit\?saved=1$/);
    await page.getByRole("combobox", { name: /^Countries/ }).waitFor();
    // polled: the combobox found may still be the previous page's while the saved one renders
    const chosen = async () => (await chips.allInnerTexts()).map((s) => s.replace(/\s*×\s*$/, "").trim()).sort();
    await expect.poll(chosen).toEqual([second, "Kenya"].sort());
    // the picker's hidden inputs are there once the saved page has rendered: the previous page's
    // may still stand while it does (a loaded machine takes a moment), so their values are
    // polled as one reading, not counted first and read after
    const hidden = page.locator('input[type="hidden"][name="countries"]');
    const submitted = () => hidden.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
    await expect.poll(async () => { const v = await submitted(); return v.length === 2 && v.includes("KE"); }).toBe(true);
    await ctx.close();
  });

  it("without JavaScript, ticking several countries in the grouped list saves them all", async () => {
    const ctx = await phone({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demo.member);
    await page.goto(`${HUB}/practices/new`);
    await page.getByLabel(/^Title/).fill(`Picker no-JS ${unique()}`);
    const group = page.getByRole("group", { name: /^Countries/ });
    expect(await group.getByRole("group", { name: "Africa" }).count()).toBe(1);
    await group.getByRole("checkbox", { name: "Ghana" }).check();
    await group.getByRole("checkbox", { name: "Kenya" }).check();
    await group.getByRole("checkbox", { name: "France" }).check();
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/practices\/[0-9a-f]{24}\/edit\?saved=1$/);
    const checked = await page.locator('input[name="countries"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
    expect(checked).toEqual(["FR", "GH", "KE"]);
    await ctx.close();
  });
});
