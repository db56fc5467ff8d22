// The submission form's "similar practices already published": with JavaScript, typing a title and
// ticking an objective fills a polite live region (debounced fetcher), without blocking the form.
import { describe, expect, it } from "vitest";
import { axeViolations, login, useBrowser } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";

const browser = useBrowser();

describe("similar practices on the submission form", () => {
  it("appear in an aria-live region once a title and an objective are given", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await login(page, demo.member);
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/practices/similar")) asked.push(r.url());
    });
    await page.goto(`${HUB}/practices/new`);
    const region = page.locator("#similar-practices");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    // A seeded practice's title words.
    await page.locator("#f-title").pressSequentially("Skills recognition bridging placements migrant health professionals", { delay: 5 });
    // No objective yet: nothing asked.
    await page.waitForTimeout(1200);
    expect(asked).toEqual([]);
    await page.locator("#f-obj-18").check();
    const link = region.locator('a[href="/practices/skills-recognition-migrant-health-workers-ireland"]');
    await expect.poll(() => link.count()).toBe(1);
    expect(await region.innerText()).toContain("Similar practices already published");
    // Debounced: one request for the whole burst of typing and the tick.
    expect(asked).toHaveLength(1);
    // The form stays usable: the title can still be edited and nothing was submitted.
    expect(page.url()).toContain("/practices/new");
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  }, 60_000);
});
