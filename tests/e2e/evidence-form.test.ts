// The evidence part of the submission form in a browser: ticking an objective updates the
// SDG targets suggested for it live (marked, never ticked), and the form stays accessible.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { axeViolations, login, trackDialogs, useBrowser } from "../helpers/browser";
import { Client, demo, HUB } from "../helpers/http";
import { db, newMemberDraft, unique } from "../integration/practice-fixtures";

const browser = useBrowser();
beforeAll(async () => {
  await db();
});
afterAll(async () => {
  await mongoose.disconnect();
});

describe("SDG target suggestions", () => {
  it("follow the chosen objectives without ticking anything; the evidence fields pass axe", async () => {
    const member = await new Client().login(demo.member);
    const id = await newMemberDraft(member, `Live suggestions ${unique()}`, { objectives: ["20"], sdgTargets: [] });
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const dialogs = trackDialogs(page);
    await login(page, demo.member);
    await page.goto(`${HUB}/practices/${id}/edit?lng=en`);
    await page.waitForLoadState("networkidle"); // hydrated
    const why = (target: string) => page.locator(`[id="f-sdg-${target}-why"]`);
    await expect.poll(() => why("10.c").innerText()).toContain("suggested for objective 20");
    expect(await why("8.7").count()).toBe(0);

    // Objective 10 (trafficking) suggests 8.7 and 16.2; 10.c stays suggested for 20.
    await page.locator("#f-obj-10").check();
    await expect.poll(() => why("8.7").count()).toBe(1);
    expect(await why("8.7").innerText()).toContain("suggested for objective 10");
    expect(await why("5.2").innerText()).toContain("objective 10");
    // Nothing was ticked for the submitter.
    expect(await page.locator('input[name="sdgTargets"]:checked').count()).toBe(0);
    // Unticking 20 drops its suggestion.
    await page.locator("#f-obj-20").uncheck();
    await expect.poll(() => why("10.c").count()).toBe(0);

    // The submitter ticks one; the evidence level is preselected.
    await page.locator('[id="f-sdg-8.7"]').check();
    expect(await page.locator("#f-ev-not-assessed").isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    await ctx.close();
  });

  it("a practice page with evidence (seeded outcomes) passes axe at 360 px; the table scrolls inside its region", async () => {
    const ctx = await browser().newContext({ viewport: { width: 360, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${HUB}/practices/digital-remittances-pacific-cost-reduction?lng=en`);
    await page.waitForLoadState("networkidle");
    await page.locator(".outcomes-table").waitFor();
    expect(await page.locator(".evidence-badge").first().innerText()).toContain("Evaluated independently");
    // The page itself does not scroll sideways (the table's wrapper does).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });
});
