// Files in a real browser (issue 14, item 6): a plain file input uploads without JavaScript,
// errors come back next to the field with the member's text kept, and with JavaScript the same
// form uploads through XMLHttpRequest (progress) and lands on the same confirmation.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { Practice } from "../../models/practice.server";
import { axeViolations, htmlErrors, launch, login } from "../helpers/browser";
import { Client, demo, HUB } from "../helpers/http";
import { db, newMemberDraft } from "../integration/practice-fixtures";

let browser: Browser;
let member: Client;
beforeAll(async () => {
  await db();
  browser = await launch();
  member = await new Client().login(demo.member);
});
afterAll(async () => {
  await browser?.close();
  await mongoose.disconnect();
});

const pdf = () => Buffer.from(`%PDF-1.4\n% ${randomBytes(6).toString("hex")}\ntrailer << >>\n%%EOF\n`);

async function consoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

describe("attachments in Chromium", () => {
  it("uploads a file without JavaScript, and shows a refused one's error by its field", async () => {
    const id = await newMemberDraft(member, `Browser files ${randomBytes(3).toString("hex")}`);
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await login(page, demo.member);
    await page.goto(`${HUB}/practices/${id}/edit`);
    await page.getByRole("link", { name: "Files (0)" }).click();
    await page.waitForURL(`${HUB}/practices/${id}/attachments`);

    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "Final evaluation.pdf", mimeType: "application/pdf", buffer: pdf() });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForURL(/\?added=1$/);
    await page.getByText("The file was added.").waitFor();
    expect(await page.getByRole("link", { name: "Final evaluation.pdf" }).count()).toBe(1);
    const stored = (await Practice.findById(id).lean())!.attachments;
    expect(stored.map((a) => a.name)).toEqual(["Final evaluation.pdf"]);

    // An image without its description: the error sits by the field, the text typed elsewhere stays.
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#336699" } }).png().toBuffer();
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "team.png", mimeType: "image/png", buffer: png });
    await page.getByLabel("Use this image as the cover").check();
    await page.getByRole("button", { name: "Upload" }).click();
    await page.locator("#f-alt-error").waitFor();
    expect(await page.locator("#f-alt").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Use this image as the cover").isChecked()).toBe(true);
    expect(await htmlErrors(await page.content())).toEqual([]);
    expect((await Practice.findById(id).lean())!.attachments).toHaveLength(1);
    await ctx.close();
  });

  it("with JavaScript, uploads through the same form and removes a file", async () => {
    const id = await newMemberDraft(member, `Scripted files ${randomBytes(3).toString("hex")}`);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const errors = await consoleErrors(page);
    await login(page, demo.member);
    await page.goto(`${HUB}/practices/${id}/attachments`);
    const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: "#884422" } }).jpeg().toBuffer();
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "desk.jpg", mimeType: "image/jpeg", buffer: png });
    await page.getByLabel("Image description (alternative text)").fill("The help desk");
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForURL(/\?added=1$/);
    await page.getByText("The file was added.").waitFor();
    expect(await page.getByRole("img", { name: "The help desk" }).count()).toBe(1);

    // A lying extension comes back as a field error without leaving the page.
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: pdf() });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.locator("#f-file-error").waitFor();
    expect(await page.locator("#f-file-error").innerText()).toContain("does not match its content");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Remove desk.jpg" }).click();
    await page.waitForURL(/\?removed=1$/);
    expect((await Practice.findById(id).lean())!.attachments).toHaveLength(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
