/**
 * The Data page: the demo data loads through DuckDB-WASM and shows the CDNOW sample's numbers; an
 * uploaded CSV (setInputFiles) replaces it and shows its own numbers.
 */
import { mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";

describe("Data page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the CDNOW demo: 6,919 rows, 2,357 customers, 1997-01-01 – 1998-06-30, 244,091.94", async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1200, height: 1000 } });
    await page.goto(`${inject("baseUrl")}/data`);
    const summary = page.getByTestId("ingest-summary");
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute("data-rows-read")).toBe("6919");
    expect(await summary.getAttribute("data-customers")).toBe("2357");
    expect(await page.getByTestId("stat-rows").innerText()).toBe("6,919");
    expect(await page.getByTestId("stat-dates").innerText()).toBe("1997-01-01 – 1998-06-30");
    expect(await page.getByTestId("stat-total").innerText()).toBe("244,091.94");
    await page.locator("figure svg, svg[class^=plot]").first().waitFor();
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/data-page.png", fullPage: true });
    if (process.env.CVW_UPDATE_SCREENSHOTS === "1") copyFileSync("test-results/data-page.png", "screenshots/data-page.png");
    await page.context().close();
  });

  it("an uploaded CSV replaces the demo and its numbers are shown", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cvw-upload-"));
    const file = join(dir, "my-shop.csv");
    writeFileSync(file, ["customer_id,date,amount", "a,2024-01-05,10.50", "a,2024-02-01,20", "b,2024-01-07,5.25", "c,2024-03-31,100", "b,2024-01-07,1"].join("\n") + "\n");
    const { page, problems } = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/data`);
    await page.getByTestId("ingest-summary").waitFor({ timeout: 60_000 });
    await page.locator("input[type=file]").setInputFiles(file);
    const summary = page.locator('[data-testid="ingest-summary"][data-source="my-shop.csv"]');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute("data-rows-read")).toBe("5");
    expect(await summary.getAttribute("data-customers")).toBe("3");
    expect(await page.getByTestId("stat-dates").innerText()).toBe("2024-01-05 – 2024-03-31");
    expect(await page.getByTestId("stat-total").innerText()).toBe("136.75");
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
