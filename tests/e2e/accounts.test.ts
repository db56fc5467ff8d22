import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, htmlErrors, launch, login } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const uniq = () => randomBytes(5).toString("hex");

async function checkPage(page: Page, label: string) {
  expect(await axeViolations(page), `axe ${label}`).toEqual([]);
  expect(await htmlErrors(await page.content()), `html ${label}`).toEqual([]);
  expect(await page.locator("h1").count(), `one h1 on ${label}`).toBe(1);
}

describe("accounts in a real browser", () => {
  it("registers without JavaScript, with errors shown next to the fields and input kept", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${HUB}/register`);
    const id = uniq();
    await page.getByLabel("Display name").fill(`Browser Person ${id}`);
    await page.getByLabel("Email address").fill(`browser-${id}@example.net`);
    await page.getByLabel("Password").fill("short");
    await page.getByLabel("Organization").fill("Browser Org");
    await page.getByLabel("Stakeholder type").selectOption("local-authority");
    await page.getByLabel("Country").selectOption("MX");
    await page.locator("main form button[type=submit]").click();
    await page.locator("#password-error").waitFor();
    expect(await page.locator("#password").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Display name").inputValue()).toBe(`Browser Person ${id}`);
    expect(await page.getByLabel("Country").inputValue()).toBe("MX");
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    await page.getByLabel("Password").fill("lagoon-thistle-ember-19");
    await page.locator("main form button[type=submit]").click();
    // The same page whether or not the address had an account; then log in, still without JavaScript.
    await page.waitForURL(/\/register\?sent=1/);
    await page.locator("h1", { hasText: "Check your inbox" }).waitFor();
    await page.getByRole("link", { name: "Log in" }).first().click();
    await page.getByLabel("Email address").fill(`browser-${id}@example.net`);
    await page.getByLabel("Password").fill("lagoon-thistle-ember-19");
    await page.locator("main form button[type=submit]").click();
    await page.goto(`${HUB}/me`);
    await page.locator("h1", { hasText: "Your account" }).waitFor();
    expect(await page.locator("main").innerText()).toContain(`browser-${id}@example.net`);
    // Logging out works without JavaScript too.
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(`${HUB}/`);
    await page.goto(`${HUB}/me`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await ctx.close();
  });

  it("login and registration pages pass axe and html-validate, also with errors", async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    for (const path of ["/login", "/register?lng=fr", "/register?lng=en"]) {
      await page.goto(HUB + path);
      await checkPage(page, path);
    }
    // A form with errors.
    await page.goto(`${HUB}/register`);
    await page.locator("main form button[type=submit]").click();
    await page.locator(".error-summary").waitFor();
    await checkPage(page, "/register with errors");
    await page.goto(`${HUB}/login`);
    await page.getByLabel("Email address").fill("nobody@example.net");
    await page.getByLabel("Password").fill("wrong-password-1");
    await page.locator("main form button[type=submit]").click();
    await page.locator("#login-error").waitFor();
    await checkPage(page, "/login with error");
    await ctx.close();
  });

  it("signed-in account and admin pages pass axe and html-validate", async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    await login(page, demo.admin);
    for (const path of ["/me", "/me/password", "/admin", "/admin/users"]) {
      await page.goto(HUB + path);
      await checkPage(page, path);
    }
    const profileHref = await page.locator("main table a[href^='/users/']").first().getAttribute("href");
    await page.goto(HUB + profileHref);
    await checkPage(page, profileHref!);
    await ctx.close();
  });

  it("shows the translated 403 page to a member on /admin", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, demo.member);
    const res = await page.goto(`${HUB}/admin?lng=es`);
    expect(res?.status()).toBe(403);
    expect(await page.locator("h1").innerText()).toBe("Acción no permitida");
    await ctx.close();
  });
});
