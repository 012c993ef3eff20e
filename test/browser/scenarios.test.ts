/**
 * The Scenarios page: on the Northwind demo company, setting "churn −5%" in a scenario shows a
 * positive equity difference, puts the scenario in the URL (only non-defaults), and reloading that URL
 * shows the same scenario and difference.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";

const LOAD_MS = 120_000;

describe("Scenarios page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("churn −5% on the demo company: equity difference, URL state, same scenario after a reload", { timeout: 300_000 }, async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    await page.goto(`${inject("baseUrl")}/scenarios`);
    await page.getByTestId("scenario-table").waitFor({ timeout: LOAD_MS });
    expect(new URL(page.url()).search).toBe("");
    await Promise.all([page.waitForEvent("load", { timeout: LOAD_MS }), page.getByTestId("switch-northwind").click()]);
    await page.getByTestId("scenario-table").waitFor({ timeout: LOAD_MS });
    expect(await page.getByTestId("scenario-dataset").innerText()).toContain("Northwind Supplies");
    // the customers table makes the referral, complaint and acquisition levers available
    expect(await page.locator('input[data-lever="complaintChurnPct"]').isDisabled()).toBe(false);
    expect(await page.locator('input[data-lever="acquisitionCostPct"]').isDisabled()).toBe(false);

    const churn = page.locator('[data-testid="scenario"] input[data-lever="churnPct"]').first();
    await churn.fill("-5");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("s1") !== null);
    expect(new URL(page.url()).searchParams.get("s1")).toBe("Scenario 1:churn=-5%");
    const change = page.locator('[data-testid="row-scenario"] [data-testid="equity-change"]').first();
    await expect.poll(async () => Number(await change.getAttribute("data-value"))).toBeGreaterThan(0);
    const before = await change.innerText();
    expect(before).toMatch(/^\+[\d,]+ \(\+\d+\.\d\d %\)$/);
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/scenarios-northwind.png", fullPage: true });

    await page.reload();
    await page.getByTestId("scenario-table").waitFor({ timeout: LOAD_MS });
    await settle(page);
    expect(await page.locator('[data-testid="scenario"] input[data-lever="churnPct"]').first().inputValue()).toBe("-5");
    expect(await page.locator('[data-testid="row-scenario"] [data-testid="equity-change"]').first().innerText()).toBe(before);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
