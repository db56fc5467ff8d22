// "My submissions" in a browser: the withdraw and delete controls are accessible, the delete
// confirmation is a real page (no JavaScript dialog) and "Keep it" leaves everything as it was.
import { describe, expect, it } from "vitest";
import { axeViolations, htmlErrors, login, trackDialogs, useBrowser } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";

const browser = useBrowser();

describe("my submissions", () => {
  it("offers accessible withdraw and delete controls with a confirmation page", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const dialogs = trackDialogs(page);
    await login(page, demo.member);
    await page.goto(`${HUB}/me/practices`);
    await page.locator("h1", { hasText: "My submissions" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await htmlErrors(await page.content())).toEqual([]);

    // The seeded member has a draft: its delete link names the practice.
    const del = page.getByRole("link", { name: /^Delete: / }).first();
    const name = (await del.getAttribute("aria-label"))!.replace(/^Delete: /, "");
    await del.click();
    await page.locator("h1", { hasText: "Delete this practice?" }).waitFor();
    expect(await page.locator("main").innerText()).toContain(name);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Keep it" }).click();
    await page.waitForURL(/\/me\/practices$/);
    await page.locator("h1", { hasText: "My submissions" }).waitFor();
    const labels = await page.locator('a[aria-label^="Delete: "]').evaluateAll((as) => as.map((a) => a.getAttribute("aria-label")));
    expect(labels).toContain(`Delete: ${name}`);
    expect(dialogs).toEqual([]);
    await ctx.close();
  });
});
