// The editor's link button: a labelled panel (no browser prompt), the address checked before it
// is applied, Escape and Cancel give focus back, and the link reaches the stored state.
import { describe, expect, it } from "vitest";
import { axeViolations, login, trackDialogs, useBrowser } from "../helpers/browser";
import { demo, HUB } from "../helpers/http";

const browser = useBrowser();

describe("adding a link in the editor", () => {
  it("uses an accessible panel, refuses unsafe addresses and links the selected text", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const dialogs = trackDialogs(page);
    await login(page, demo.member);
    await page.goto(`${HUB}/practices/new`);
    const editor = page.locator('[contenteditable="true"][aria-labelledby="f-description-label"]');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type("Read the evaluation report");
    for (let i = 0; i < "evaluation report".length; i++) await page.keyboard.press("Shift+ArrowLeft");

    const area = page.locator('[data-editor-for="description"]');
    const button = area.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Link" });
    await button.click();
    const input = area.getByLabel("Address of the link (https://…)");
    await input.waitFor();
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);

    // An unsafe address is refused in place, with an announced error; Enter never submits the form.
    await input.fill("javascript:alert(1)");
    await input.press("Enter");
    await area.getByRole("alert").waitFor();
    expect(await area.getByRole("alert").innerText()).toContain("Only web");
    expect(page.url()).toContain("/practices/new");

    // Escape closes the panel and gives focus back to the button.
    await input.press("Escape");
    expect(await input.count()).toBe(0);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    // Again, with a web address: the selected words become the link.
    await button.click();
    await input.fill("https://example.org/evaluation");
    await input.press("Enter");
    const a = editor.locator('a[href="https://example.org/evaluation"]');
    await a.waitFor();
    expect(await a.innerText()).toBe("evaluation report");
    expect(await page.locator('input[name="descriptionState"]').inputValue()).toContain("https://example.org/evaluation");
    expect(dialogs).toEqual([]);
    await ctx.close();
  });
});
