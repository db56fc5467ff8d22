import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { axeViolations, launch } from "../helpers/browser";
import { HUB } from "../helpers/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("browsing", () => {
  it("home → a practice → switch to French", async () => {
    const page = await browser.newPage();
    await page.goto(HUB);
    await expect(page.locator("html")).toBeTruthy();
    const first = page.locator("main .card-title a").first();
    const title = await first.innerText();
    await first.click();
    await page.waitForURL(/\/practices\/[a-z0-9-]+$/);
    await page.locator("h1", { hasText: title }).waitFor();
    await page.getByRole("link", { name: "Français" }).click();
    await page.waitForURL(/lng=fr/);
    await page.waitForLoadState("load");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.locator("h1").innerText()).toBe(title);
    expect(await page.getByRole("navigation", { name: "Menu principal" }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it("works without JavaScript: filtering the repository", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${HUB}/practices`);
    await page.selectOption("#f-region", "Oceania");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/region=Oceania/);
    const cards = await page.locator("main .card").count();
    expect(cards).toBeGreaterThan(0);
    await ctx.close();
  });

  it("has no serious accessibility violations on the main pages", async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    for (const path of ["/", "/practices", "/threads", "/login", "/?lng=fr", "/nope"]) {
      await page.goto(HUB + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await ctx.close();
  });
});
