// Small things a careful user trips over: deleting a reply asks first (without JavaScript
// too), the editor's toolbar names every button in words, a closed space says since when,
// and /search promises results "as you type" only where that is true.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { login, trackDialogs, useBrowser } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";
import { disconnectDb } from "../../models/db.server";
import { Post } from "../../models/post.server";
import { as, CLOSED_SPACE, db, newThread, postIdFrom, reply, resetPostLimits, threadIdFrom, unique } from "../integration/discussion-fixtures";

const browser = useBrowser();
beforeAll(db);
beforeEach(resetPostLimits);
afterAll(disconnectDb);

describe("small things", () => {
  it("deleting your own reply takes a confirmation, and works without JavaScript", async () => {
    const member = await as("member");
    const threadId = threadIdFrom(await newThread(member));
    const text = unique("A reply to delete");
    const postId = postIdFrom(await reply(member, threadId, text));
    const ctx = await browser().newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const dialogs = trackDialogs(page);
    await login(page, demo.member);
    await page.goto(`${HUB}/threads/${threadId}`);
    const item = page.locator(`#reply-${postId}`);
    await item.locator("summary", { hasText: "Delete" }).click();
    // One click only discloses the question: nothing is deleted yet.
    await item.getByText("Delete this reply?").waitFor();
    expect((await Post.findById(postId).lean())!.deletedAt ?? null).toBeNull();
    await item.getByRole("button", { name: "Yes, delete the reply" }).click();
    await page.waitForURL(/notice=deleted|\/threads\//);
    await expect.poll(async () => (await Post.findById(postId).lean())!.deletedAt ?? null).not.toBeNull();
    expect(dialogs).toEqual([]);
    await ctx.close();
  });

  it("every toolbar button of the editor shows its name in words, without emoji", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await login(page, demo.member);
    for (const [lng, link] of [["en", "Link"], ["fr", "Lien"]] as const) {
      await page.goto(`${HUB}/practices/new?lng=${lng}`);
      const toolbar = page.getByRole("toolbar").first();
      await toolbar.waitFor();
      const buttons = await toolbar.getByRole("button").evaluateAll((bs) => bs.map((b) => ({ text: (b as HTMLElement).innerText.trim(), label: b.getAttribute("aria-label") })));
      expect(buttons.length).toBe(9);
      for (const b of buttons) {
        expect(b.text.length, JSON.stringify(b)).toBeGreaterThan(2);
        expect(b.text).not.toMatch(/\p{Extended_Pictographic}/u);
        expect(b.label).toBeNull(); // the visible text is the accessible name
      }
      expect(buttons.map((b) => b.text)).toContain(link);
    }
    await page.goto(`${HUB}/?lng=en`);
    await ctx.close();
  });

  it("a closed space says since when it is closed, not when it opened", async () => {
    const page = await browser().newPage();
    await page.goto(`${HUB}/spaces/${CLOSED_SPACE}`);
    const meta = await page.locator("main").innerText();
    expect(meta).toMatch(/closed since Jun(e)? 30, 2024/i);
    expect(meta).not.toMatch(/opens Jan(uary)? 15, 2024/i);
    await page.goto(`${HUB}/spaces`);
    expect(await page.locator("main").innerText()).not.toMatch(/opens Jan(uary)? 15, 2024/i);
    await page.close();
  });

  it("the search page promises live results only with JavaScript", async () => {
    const noJs = await browser().newContext({ javaScriptEnabled: false });
    const a = await noJs.newPage();
    await a.goto(`${HUB}/search`);
    expect(await a.locator("#search-q-hint").innerText()).not.toContain("as you type");
    await noJs.close();
    const page = await browser().newPage();
    await page.goto(`${HUB}/search`);
    await expect.poll(() => page.locator("#search-q-hint").innerText()).toContain("Results update as you type.");
    await page.close();
  });
});
