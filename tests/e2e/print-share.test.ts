// A practice page printed is a clean document, and its Share block hands out the canonical link
// (issue 14, item 7).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import type { Browser } from "playwright-core";
import { Practice } from "../../models/practice.server";
import { launch } from "../helpers/browser";
import { HUB } from "../helpers/http";
import { db } from "../integration/practice-fixtures";

let browser: Browser;
let slug: string;
beforeAll(async () => {
  await db();
  browser = await launch();
  const p = await Practice.findOne({ status: "published", "links.0": { $exists: true } }).select("slug").lean();
  slug = p!.slug;
});
afterAll(async () => {
  await browser?.close();
  await mongoose.disconnect();
});

describe("print and share", () => {
  it("prints without navigation, with link targets and a page per section", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${HUB}/practices/${slug}`);
    await page.emulateMedia({ media: "print" });
    for (const sel of [".site-header", ".site-footer", ".share-block", ".breadcrumb"]) {
      expect(await page.locator(sel).first().isVisible(), sel).toBe(false);
    }
    expect(await page.locator("h1").isVisible()).toBe(true);
    const after = await page.locator(".practice-facts a[href^='http']").first().evaluate((a) => getComputedStyle(a, "::after").content);
    expect(after).toContain("http");
    const breaks = await page.locator(".practice-body > section").evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore));
    expect(breaks.slice(1).every((b) => b === "page")).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator(".site-header").isVisible()).toBe(true);
    await ctx.close();
  });

  it("shows the canonical link without JavaScript and copies it with JavaScript", async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const p1 = await plain.newPage();
    await p1.goto(`${HUB}/practices/${slug}?lng=fr`);
    expect(await p1.getByLabel("Lien vers cette pratique").inputValue()).toBe(`${HUB}/practices/${slug}?lng=fr`);
    expect(await p1.getByRole("button", { name: "Copier le lien" }).count()).toBe(0);
    await plain.close();

    const ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await ctx.newPage();
    await page.goto(`${HUB}/practices/${slug}`);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByText("Link copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${HUB}/practices/${slug}`);
    await ctx.close();
  });
});
