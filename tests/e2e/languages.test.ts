// The six languages in a real browser (issue 13): Arabic pages are right-to-left, fit a phone and
// a wide screen, pass axe, and a member can submit a practice in Arabic; Russian counts read
// right for 1, 2, 5 and 21.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launch, login, pickCountry } from "../helpers/browser";
import { Client, demo, HUB } from "../helpers/http";
import { fullForm, newMemberDraft } from "../integration/practice-fixtures";
import { connectDb } from "../../models/db.server";
import { Practice } from "../../models/practice.server";
import { getT } from "../../app/i18n/resources.server";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  await connectDb();
});
afterAll(async () => {
  await browser?.close();
});

const arabicPages = ["/", "/practices", "/search?q=migrants", "/insights", "/threads", "/spaces", "/calls", "/objectives/1", "/regions/africa", "/api", "/login"];

async function overflow(page: Page) {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
    dir: document.documentElement.getAttribute("dir"),
    lang: document.documentElement.getAttribute("lang"),
  }));
}

describe("Arabic, right to left", () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    it(`every main page is rtl, fits ${viewport.width} px and has no serious axe violation`, async () => {
      const ctx = await browser.newContext({ viewport });
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const p of arabicPages) {
        await page.goto(`${HUB}${p}${p.includes("?") ? "&" : "?"}lng=ar`);
        const o = await overflow(page);
        if (o.dir !== "rtl" || o.lang !== "ar") problems.push(`${p}: <html lang="${o.lang}" dir="${o.dir}">`);
        if (o.scroll > o.width) problems.push(`${p}: ${o.scroll} px wide at ${o.width}`);
        if (viewport.width === 1280 || p === "/") for (const v of await axeViolations(page)) problems.push(`${p}: axe ${JSON.stringify(v)}`);
      }
      await ctx.close();
      expect(problems).toEqual([]);
    }, 180_000);
  }

  it("a member submits a practice with the Arabic interface", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, demo.member);
    await page.goto(`${HUB}/practices/new?lng=ar`);
    expect((await overflow(page)).dir).toBe("rtl");
    const stamp = String(Date.now());
    const title = `برنامج إدماج العمال المهاجرين ${stamp}`;
    await page.locator("#f-title").fill(title);
    await page.locator("#f-summary").fill("برنامج تجريبي يساعد العمال المهاجرين العائدين على إيجاد عمل.");
    await page.locator("#f-language").selectOption("ar");
    await page.locator("#f-organizations").fill("مكتب دعم العائدين (e2e)");
    await page.locator("#f-obj-5").check();
    await page.locator("#f-pr-people-centred").check();
    await page.locator("#f-contactName").fill("أحمد");
    await pickCountry(page, "غانا", "GH");
    // The Lexical editor takes Arabic text in a right-to-left page.
    const editor = page.locator('[contenteditable="true"][aria-labelledby="f-description-label"]');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type("يطابق المكتب العائدين مع أصحاب العمل.");
    expect(await page.locator('input[name="descriptionState"]').inputValue()).toContain("أصحاب العمل");
    await page.locator('button[name="intent"][value="submit"]').click();
    await page.waitForURL(/\/me\/practices/, { timeout: 20_000 }).catch(async (e) => {
      throw new Error(`${e}: ${await page.locator(".error-summary").innerText().catch(() => "no error summary")}`);
    });
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const row = page.locator("tr", { hasText: stamp });
    // (With JavaScript, Remix changes the URL before it renders the new page.)
    await row.first().waitFor({ timeout: 10_000 });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain("برنامج إدماج العمال المهاجرين");
    const stored = await Practice.findOne({ title }).lean();
    expect(stored?.status).toBe("submitted");
    expect(stored?.language).toBe("ar");
    await ctx.close();
  }, 120_000);
});

describe("Chinese", () => {
  it("the search page finds a Chinese practice by a two-character query typed in the box", async () => {
    const member = await new Client().login(demo.member);
    const moderator = await new Client().login(demo.moderator);
    const stamp = String(Date.now()).slice(-6);
    const title = `边境社区流动卫生站 ${stamp}`;
    const id = await newMemberDraft(member, title, { language: "zh", summary: "为季节性移民工人提供流动卫生服务。" });
    expect((await member.post(`/practices/${id}/edit`, { ...fullForm(title, { language: "zh", summary: "为季节性移民工人提供流动卫生服务。" }), intent: "submit" })).status).toBe(302);
    expect((await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" })).status).toBe(302);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${HUB}/search?lng=zh`);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh");
    // the index catches up within seconds; the query is typed as a reader would
    await expect
      .poll(
        async () => {
          await page.goto(`${HUB}/search?lng=zh`);
          await page.locator("#search-q").fill("卫生");
          await page.locator("#search-q").press("Enter");
          await page.waitForURL(/q=/);
          return page.locator(".search-results a", { hasText: title }).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await ctx.close();
  }, 90_000);
});

describe("Russian plurals", () => {
  it("the results count reads right for 1, 2, 5 and 21, and the page says what the server's i18next says", async () => {
    const t = getT("ru", ["search"]);
    expect(t("count", { count: 1 })).toBe("1 результат");
    expect(t("count", { count: 2 })).toBe("2 результата");
    expect(t("count", { count: 5 })).toBe("5 результатов");
    expect(t("count", { count: 21 })).toBe("21 результат");
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    for (const qs of ["type=practice", "objective=1", "objective=5&region=Africa", "evidence=evaluated-independent", "q=migrants"]) {
      const total = ((await (await fetch(`${HUB}/api/v1/search?${qs}`)).json()) as { total: number }).total;
      await page.goto(`${HUB}/search?${qs}&lng=ru`);
      const q = new URLSearchParams(qs).get("q");
      const expected = q ? t("countFor", { count: total, q }) : t("count", { count: total });
      expect(await page.locator("main").innerText()).toContain(expected);
    }
    await ctx.close();
  });
});
