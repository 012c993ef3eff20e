/**
 * The published report (/report), built by data loaders from data/ (the Northwind demo company by
 * default): opened in headless Chromium with every off-origin request blocked, every section shows
 * numbers, and the browser's print path gives a multi-page A4 PDF.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";
// @ts-expect-error plain JS module without types
import { renderReportPdf } from "../../scripts/report-pdf.mjs";

const SECTIONS = ["key-figures", "acquisition", "cross-selling", "retention", "key-accounts", "bridge", "cohorts", "movers", "trends", "definitions"];

describe("Published report", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the data source, the period covered and every section with numbers, offline", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/report`);
    await page.locator("[data-section=definitions]").waitFor({ timeout: 60_000 });
    await settle(page);
    expect(await page.locator("h1").first().innerText()).toBe("Northwind Supplies: customer report");
    expect(await page.getByTestId("report-covered").innerText()).toBe("2023-01-02 – 2025-12-31 (12 quarters, 2023-Q1 – 2025-Q4)");
    for (const name of SECTIONS) {
      const text = await page.locator(`[data-section="${name}"]`).innerText();
      expect(text, name).toMatch(/\d{2}/);
    }
    // key figures of the last quarter: the demo company's 2025-Q4 (as computed by cvw report natively)
    const firstRow = await page.getByTestId("key-figures").locator("tbody tr").first().innerText();
    expect(firstRow.split("\t")).toEqual(["Active customers", "1,816", "1,662", "+9.3 %", "1,304", "+39.3 %"]);
    expect(await page.getByTestId("won-table").locator("tbody tr").count()).toBe(10);
    expect(await page.getByTestId("lost-clv-table").locator("tbody tr").count()).toBe(10);
    expect(await page.getByTestId("reconciliation").innerText()).toMatch(/^Figures reconcile/);
    // every chart exports SVG and PNG, every table CSV
    const charts = await page.locator(".cvw-figure").count();
    expect(charts).toBeGreaterThanOrEqual(12);
    expect(await page.locator(".cvw-figure [data-export=svg]").count()).toBe(charts);
    expect(await page.locator(".cvw-figure [data-export=png]").count()).toBe(charts);
    expect(await page.locator("[data-export=csv]").count()).toBeGreaterThanOrEqual(10);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/report-page.png", fullPage: true });
    await page.context().close();
  });

  it("prints to a multi-page A4 PDF (test-results/report.pdf)", async () => {
    const out = "test-results/report.pdf";
    const bytes = await renderReportPdf(inject("baseUrl"), out);
    expect(bytes).toBeGreaterThan(50_000);
    const pdf = readFileSync(out, "latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // A4 = 595.92 × 842.88 pt (Chromium's rounding)
    expect(pdf).toMatch(/\/MediaBox\s*\[0 0 595\.9\d* 842\.8\d*\]/);
  });
});
