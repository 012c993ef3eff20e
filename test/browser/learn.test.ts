/**
 * The Learn pages: each renders its formulas (KaTeX) and a live example whose first result matches
 * the published / hand-computed number; on the CLV page, moving retention from 80 % to 85 % changes
 * the CLV shown to the library's value (the textbook 100 × 0.85 / (1.10 − 0.85) = 340).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { simpleClv } from "../../src/clv/simpleClv.js";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";

/** Number carried by a result card (data-value). */
async function cardValue(page: Page, testid: string): Promise<string> {
  const card = page.getByTestId(testid);
  await card.waitFor({ timeout: 30_000 });
  return (await card.getAttribute("data-value")) ?? "";
}

/** Per page: a result card and the value it must show with the default inputs (published or by hand). */
const PAGES: { path: string; testid: string; expected: number | string; digits?: number; source: string }[] = [
  { path: "clv", testid: "clv-value", expected: 266.67, digits: 2, source: "100 × 0.8 / (1.1 − 0.8)" },
  { path: "predictive-clv", testid: "pclv-value", expected: 36.3, digits: 1, source: "CDNOW customer 1, 12 months at 1 %/month (lifetimes: 36.28)" },
  { path: "p-alive", testid: "palive-bgnbd", expected: 0.727, digits: 3, source: "BG/NBD P(alive | 2, 30.43, 38.86), by hand" },
  { path: "rfm", testid: "rfm-segment", expected: "can't lose them", source: "Milo: R 2, F 5" },
  { path: "cvi", testid: "cvi-birch", expected: 64.6, digits: 1, source: "Birch Dental's breakdown on the page" },
  { path: "oi", testid: "oi-elm", expected: 67.7, digits: 1, source: "(88.9 + 71.4 + 42.9) / 3" },
  { path: "portfolio", testid: "portfolio-invest-budget", expected: 6250, digits: 0, source: "100,000 × 25 % / 4" },
  { path: "retention-economics", testid: "re-del-value", expected: 592.2, digits: 0, source: "100 × DEL 5.922 (high end, d = 10 %)" },
];

describe("Learn pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("each page renders formulas, inputs, a chart and the expected first result", async () => {
    const { page, problems } = await openPage(browser);
    for (const { path, testid, expected, digits, source } of PAGES) {
      await page.goto(`${inject("baseUrl")}/learn/${path}`);
      await settle(page);
      expect(await page.locator(".katex-display").count(), `${path}: display formulas`).toBeGreaterThan(0);
      expect(await page.locator("main form input").count(), `${path}: inputs`).toBeGreaterThan(0);
      expect(await page.locator("main .cvw-figure svg").count(), `${path}: chart`).toBeGreaterThan(0);
      expect(await page.locator("main .cvw-learn-usedin a").count(), `${path}: link to the workbench page`).toBe(1);
      const value = await cardValue(page, testid);
      if (typeof expected === "string") expect(value, source).toBe(expected);
      else expect(Number(value), source).toBeCloseTo(expected, digits);
      expect(await page.locator("main").innerText()).not.toContain("placeholder");
      expect(await observableErrors(page), path).toEqual([]);
    }
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });

  it("CLV: retention 80 % → 85 % moves the CLV shown from $266.67 to the library's $340.00", async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1200, height: 1000 } });
    await page.goto(`${inject("baseUrl")}/learn/clv`);
    await settle(page);
    expect(await page.getByTestId("clv-value").locator(".big").innerText()).toBe("$266.67");
    const retention = page.getByLabel("Retention r, % per year");
    await retention.fill("85");
    await retention.dispatchEvent("input");
    const library = simpleClv({ marginPerPeriod: 100, retentionRate: 0.85, discountRatePerPeriod: 0.1 });
    expect(library).toBeCloseTo((100 * 0.85) / (1.1 - 0.85), 10);
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="clv-value"]')?.getAttribute("data-value")) === v, library, { timeout: 10_000 });
    expect(Number(await cardValue(page, "clv-value"))).toBeCloseTo(340, 8);
    expect(await page.getByTestId("clv-value").locator(".big").innerText()).toBe("$340.00");
    expect(Number(await cardValue(page, "clv-change"))).toBeCloseTo(340 - 800 / 3, 8);
    expect(Number(await cardValue(page, "clv-elasticity"))).toBeCloseTo(1.1 / 0.25, 10);
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/learn-clv.png", fullPage: true });
    if (process.env.CVW_UPDATE_SCREENSHOTS === "1") copyFileSync("test-results/learn-clv.png", "screenshots/learn-clv.png");
    await page.context().close();
  });
});
