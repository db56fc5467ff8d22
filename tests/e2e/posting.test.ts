// Posting with JavaScript on, as a practitioner does: after "Post reply" the editor is empty
// (a second press cannot post the same text again), and leaving a form with unsaved edits
// asks first — but not after the edits were posted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { login, useBrowser } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";
import { disconnectDb } from "../../models/db.server";
import { Post } from "../../models/post.server";
import { as, db, newThread, oid, OPEN_SPACE, resetPostLimits, threadIdFrom, unique } from "../integration/discussion-fixtures";

const browser = useBrowser();
let threadId: string;
beforeAll(async () => {
  await db();
  await resetPostLimits();
  threadId = threadIdFrom(await newThread(await as("member")));
});
beforeEach(resetPostLimits);
afterAll(disconnectDb);

const editorOf = (page: Page) => page.locator('[contenteditable="true"][aria-labelledby="f-body-label"]');

async function typeBody(page: Page, text: string) {
  const editor = editorOf(page);
  await editor.waitFor();
  await editor.click();
  await page.keyboard.type(text);
}

/** Closes the page the way a user closes the tab; returns the dialogs the page opened. */
async function closeAsked(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.type());
    await d.accept();
  });
  await page.close({ runBeforeUnload: true });
  await page.waitForEvent("close");
  return dialogs;
}

describe("posting with JavaScript", () => {
  it("after a reply is posted the editor is empty, and pressing again posts nothing", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await login(page, demo.member2);
    await page.goto(`${HUB}/threads/${threadId}`);
    const text = `Our experience with the one-stop centre ${unique("e2e")}`;
    await typeBody(page, text);
    await page.getByRole("button", { name: "Post reply" }).click();
    await page.locator(".reply", { hasText: text }).waitFor();
    await expect.poll(async () => (await editorOf(page).innerText()).trim()).toBe("");
    expect(await page.locator('input[name="bodyState"]').inputValue()).not.toContain(text.slice(0, 20));
    await page.getByRole("button", { name: "Post reply" }).click();
    await page.locator("#f-body-error").waitFor();
    expect(await Post.countDocuments({ threadId: oid(threadId), "body.text": { $regex: text } })).toBe(1);
    // Posted: nothing unsaved, so closing the page asks nothing.
    expect(await closeAsked(page)).toEqual([]);
    await ctx.close();
  });

  it("leaving a reply or a new thread with unsaved text asks first", async () => {
    const ctx = await browser().newContext();
    await login(await ctx.newPage(), demo.member);
    for (const path of [`/threads/${threadId}`, `/spaces/${OPEN_SPACE}/new`]) {
      const page = await ctx.newPage();
      await page.goto(HUB + path);
      await typeBody(page, "Half a thought");
      expect(await closeAsked(page), path).toEqual(["beforeunload"]);
    }
    await ctx.close();
  });
});
