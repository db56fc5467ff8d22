// The coverage map in Chromium: switch the axis, follow a gap to the pre-filled submission form,
// no accessibility violations, no console errors, and a 360 px phone scrolls only the table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { axeViolations, launch, login } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("insights in the browser", () => {
  it("switches axis, follows a gap to a pre-filled form, and passes axe", async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
    });
    await login(page, demo.member);
    await page.goto(`${HUB}/insights`);
    await page.getByRole("heading", { level: 1, name: "Where the evidence is" }).waitFor();
    expect(await page.locator("table.coverage-matrix tbody tr").count()).toBe(23);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("navigation", { name: "Compare objectives by" }).getByRole("link", { name: "Guiding principle" }).click();
    await page.waitForURL(/axis=principle/);
    await page.getByRole("columnheader", { name: "People-centred" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("navigation", { name: "Compare objectives by" }).getByRole("link", { name: "Region" }).click();
    await page.waitForURL(/axis=region/);
    const gap = page.locator(".insights-gaps").getByRole("link", { name: "submit a practice" }).first();
    const href = (await gap.getAttribute("href"))!;
    const objective = /objective=(\d+)/.exec(href)![1];
    await gap.click();
    await page.waitForURL(/\/practices\/new\?objective=/);
    expect(await page.locator(`input[name="objectives"][value="${objective}"]`).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 90_000);

  it("fits a 360 px phone: the page does not scroll sideways, the table scrolls in its region", async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${HUB}/insights?axis=stakeholderType`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const region = page.getByRole("region", { name: /Published practices by GCM objective/ });
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await ctx.close();
  }, 60_000);
});
