import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { axeViolations, launch } from "../helpers/browser";
import { HUB } from "../helpers/http";
import { waitForIndex } from "../integration/search-helpers";

let browser: Browser;
beforeAll(async () => {
  await waitForIndex();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("search", () => {
  it("searches as you type, narrows by two facets and opens a result", async () => {
    const page = await browser.newPage();
    await page.goto(`${HUB}/search`);
    await page.locator("#search-q").fill("remittances");
    await page.waitForURL(/q=remittances/);
    await page.locator(".search-results mark").first().waitFor();
    const before = Number((await page.locator(".search-count").innerText()).match(/\d+/)![0]);

    await page.locator("#facet-objective-20").check();
    await page.waitForURL(/objective=20/);
    await page.locator("#facet-region-Oceania").check();
    await page.waitForURL(/region=Oceania/);
    await page.locator(".search-chip", { hasText: "Oceania" }).waitFor();
    const after = Number((await page.locator(".search-count").innerText()).match(/\d+/)![0]);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(before);
    expect(page.url()).toContain("q=remittances");

    const first = page.locator(".search-results .card-title a").first();
    const title = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/(practices|threads)\/[a-z0-9-]+$/);
    await page.locator("h1", { hasText: title.slice(0, 20) }).waitFor();

    // Back, then remove a filter with its chip.
    await page.goBack();
    await page.locator(".search-chip", { hasText: "Oceania" }).click();
    await page.waitForURL((u) => !u.search.includes("region=Oceania"));
    await page.locator(".search-chip", { hasText: "Oceania" }).waitFor({ state: "detached" });
    await page.waitForFunction(() => !(document.querySelector("#facet-region-Oceania") as HTMLInputElement | null)?.checked);
    expect(await page.locator("#facet-region-Oceania").isChecked().catch(() => false)).toBe(false);
    await page.close();
  });

  it("makes each query, filter, sort and page change a history entry; typing adds only one", async () => {
    const page = await browser.newPage();
    await page.goto(`${HUB}/search`);
    await page.waitForLoadState("networkidle"); // hydrated
    const input = page.locator("#search-q");
    await input.click();
    // Two pauses while typing: two submissions, one history entry.
    await input.pressSequentially("migr", { delay: 30 });
    await page.waitForURL(/q=migr(&|$)/);
    await input.pressSequentially("ants", { delay: 30 });
    await page.waitForURL(/q=migrants(&|$)/);
    await page.locator("#facet-objective-20").check();
    await page.waitForURL(/objective=20/);
    await page.locator("#search-sort").selectOption("newest");
    await page.waitForURL(/sort=newest/);

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes("sort=newest") && u.search.includes("objective=20"));
    await expect.poll(() => page.locator("#search-sort").inputValue()).toBe("relevance");
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes("objective=20") && u.search.includes("q=migrants"));
    await page.waitForFunction(() => !(document.querySelector("#facet-objective-20") as HTMLInputElement | null)?.checked);
    await page.goBack();
    await page.waitForURL((u) => u.pathname === "/search" && !u.search.includes("q="));
    await expect.poll(() => input.inputValue()).toBe("");
    await page.close();
  });

  it("works without JavaScript", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${HUB}/search`);
    await page.locator("#search-q").fill("migration");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/q=migration/);
    await page.locator("#facet-lang-fr").check();
    await page.locator("#facet-type-practice").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/lang=fr/);
    expect(page.url()).toContain("type=practice");
    expect(page.url()).toContain("q=migration");
    const count = await page.locator(".search-results > li").count();
    expect(count).toBeGreaterThan(0);
    const first = page.locator(".search-results .card-title a").first();
    await first.click();
    await page.waitForURL(/\/practices\/[a-z0-9-]+$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await ctx.close();
  });

  it("lists the most frequent countries and all of them on request, with and without JavaScript", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const ctx = await browser.newContext({ javaScriptEnabled });
      const page = await ctx.newPage();
      await page.goto(`${HUB}/search?q=migration`);
      const boxes = page.locator("#facet-group-country input[type=checkbox]");
      const counts = async () => (await page.locator("#facet-group-country .search-facet-count [aria-hidden]").allInnerTexts()).map((c) => Number(c.replace(/\D/g, "")));
      expect(await boxes.count()).toBe(15);
      const shown = await counts();
      expect([...shown].sort((a, b) => b - a)).toEqual(shown);
      const toggle = page.locator("#facet-group-country a");
      const all = Number((await toggle.innerText()).match(/\d+/)![0]);
      expect(all).toBeGreaterThan(15);

      await toggle.click();
      await page.waitForURL(/more=country/);
      await expect.poll(() => boxes.count()).toBe(all);
      expect(page.url()).toContain("q=migration");
      expect(Math.min(...(await counts()))).toBeLessThanOrEqual(Math.min(...shown));

      // A country from the long tail: the list stays whole while filters change, and the
      // country stays listed (checked) once the list is short again.
      const last = boxes.nth(all - 1);
      const code = await last.getAttribute("value");
      await last.check();
      if (!javaScriptEnabled) await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL(new RegExp(`country=${code}`));
      expect(page.url()).toContain("more=country");
      await page.locator("#facet-group-country a", { hasText: "Show fewer countries" }).click();
      await page.waitForURL((u) => !u.search.includes("more="));
      expect(page.url()).toContain(`country=${code}`);
      await expect.poll(() => boxes.count()).toBeLessThanOrEqual(16);
      expect(await page.locator(`#facet-country-${code}`).isChecked()).toBe(true);
      await ctx.close();
    }
  });

  it("has no serious accessibility violations", async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    for (const path of ["/search", "/search?q=remittances&objective=20", "/search?q=zzzzqqq&lng=es", "/search?more=country&lng=ar", "/objectives", "/objectives/7?lng=fr", "/regions", "/regions/africa"]) {
      await page.goto(HUB + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await ctx.close();
  });
});
