/**
 * The Reports page on the Northwind demo company: the quarterly report computed in DuckDB-WASM gives
 * the same 2025-Q4 figures as the published report computed natively at build time; switching to
 * months recomputes, and the choice goes into the URL.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle, selectDataset } from "../support/browser.js";

describe("Reports page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("reports the demo company by quarter and by month, reconciled, with won / lost customers", async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    // choose the demo company as the Data page would (remembered in IndexedDB)
    await selectDataset(page, inject("baseUrl"), { demo: "northwind" });
    await page.goto(`${inject("baseUrl")}/reports`);
    const keyFigures = page.getByTestId("key-figures");
    await keyFigures.waitFor({ timeout: 170_000 });
    await settle(page, 120_000);
    expect(await page.getByTestId("reports-head").innerText()).toContain("Northwind Supplies");
    const rows = (await keyFigures.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t"));
    expect(rows[0]).toEqual(["Active customers", "1,816", "1,662", "+9.3 %", "1,304", "+39.3 %"]);
    expect(rows.find((r) => r[0] === "Retention rate")).toEqual(["Retention rate", "83.6 %", "81.9 %", "+1.7 pp", "82.5 %", "+1.1 pp"]);
    expect(await page.getByTestId("reconciliation").innerText()).toMatch(/^Figures reconcile/);
    expect(await page.getByTestId("lost-table").locator("tbody tr").count()).toBe(10);
    expect(await page.getByTestId("lost-clv-table").locator("tbody tr").count()).toBe(10);
    expect(await page.getByTestId("missing-columns").count()).toBe(0);
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/reports-page.png", fullPage: true });

    await page.getByLabel("Month").check();
    await page.waitForFunction(() => document.querySelector("[data-testid=key-figures] th:nth-child(2)")?.textContent === "2025-12", undefined, { timeout: 170_000 });
    await settle(page, 120_000);
    expect(new URL(page.url()).searchParams.get("period")).toBe("month");
    const monthRows = (await keyFigures.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t"));
    expect(monthRows[0].slice(0, 2)).toEqual(["Active customers", "1,816"]); // same status day, same count
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
