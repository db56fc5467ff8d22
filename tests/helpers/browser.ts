// Playwright (playwright-core) driving Debian's Chromium, as the e2e tests and the
// accessibility checks use it.
import { chromium, type Browser, type Page } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll } from "vitest";
import { HUB } from "./http";

const require = createRequire(import.meta.url);

/** One browser for a test file: launched before its tests, closed after; call the getter inside tests. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** Dismisses and records every alert/confirm/prompt the page opens (the hub should open none). */
export function trackDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.type());
    await d.dismiss();
  });
  return dialogs;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

export async function login(page: Page, email: string, password = "practice-hub-demo") {
  await page.goto(`${HUB}/login`);
  await page.getByLabel(/email|courriel|correo/i).fill(email);
  await page.getByLabel(/password|mot de passe|contraseña/i).fill(password);
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page; returns violations of impact serious or critical. */
export async function axeViolations(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  return (result as { id: string; impact: string; targets: string[] }[]).filter((v) => v.impact === "serious" || v.impact === "critical");
}

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "no-inline-style": "off",
    "attr-case": "off",
    "no-trailing-whitespace": "off",
    "void-style": "off",
    "wcag/h63": "off",
    "prefer-native-element": "off",
    "no-redundant-role": "off",
    "valid-id": "off",
    "attribute-boolean-style": "off",
    "attribute-empty-style": "off",
    "no-dup-class": "off",
    "tel-non-breaking": "off",
    "element-permitted-content": "error",
    "long-title": "off",
    // Checkbox groups (facet lists) share one name, as HTML intends.
    "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }],
  },
});

/** HTML validation errors for a document. */
export async function htmlErrors(html: string) {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`));
}

/** Picks a country in the practice form's country picker: the combobox with JavaScript (typing
 *  `name`, then Enter), the grouped checkbox list without. */
export async function pickCountry(page: Page, name: string, code: string) {
  const countries = page.locator('input#f-countries[role="combobox"]');
  if (await countries.count()) {
    await countries.fill(name);
    await countries.press("Enter");
    await page.locator(`input[type="hidden"][name="countries"][value="${code}"]`).waitFor({ state: "attached" });
  } else {
    await page.locator(`#f-countries-${code}`).check();
  }
}
