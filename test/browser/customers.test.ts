/**
 * The Customers page on the CDNOW demo: every customer scored in the worker (2,357 rows) with no
 * main-thread task over 200 ms from the start of the fit until the table is drawn, BG/NBD's
 * CLV total at 12 months and 1 %/month, search, drill-down to one customer, CSV download, and the
 * MBG/NBD alternative offered for one-time buyers. On an uploaded log whose big spenders are also the
 * frequent buyers, the spend-frequency warning is shown in plain words.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle, selectDataset } from "../support/browser.js";
import { longTasksSince, recordLongTasks } from "./longTasks.js";

describe("Customers page (CDNOW demo)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("scores every customer without a long task, searches, drills down and downloads the table", async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1200, height: 1000 } });
    await recordLongTasks(page);
    await page.goto(`${inject("baseUrl")}/customers`);
    const table = page.getByTestId("customers-table");
    await table.waitFor({ timeout: 120_000 });
    await settle(page);
    // responsive from the start of the fit until the table and the first customer's chart are drawn
    const started = Number(await page.evaluate(() => document.body.dataset.fitStarted));
    const { tasks } = await longTasksSince(page, started);
    expect(tasks.filter((t) => t.duration > 200), JSON.stringify(tasks)).toEqual([]);
    expect(await page.getByTestId("stat-customers").innerText()).toBe("2,357");
    // lifetimes: Σ 71,509.90 with its 4.345-week month; the calendar month (4.348 weeks) gives slightly more
    const total = Number((await page.getByTestId("stat-clv").innerText()).replaceAll(",", ""));
    expect(total).toBeGreaterThan(71_509.9);
    expect(total / 71_509.9 - 1).toBeLessThan(0.002);
    expect(await page.locator('[data-kind="p-alive-one"]').innerText()).toContain("1,411 customers");

    // drill-down: the highest-CLV customer by default, then a clicked row
    expect(await page.getByTestId("drilldown").getAttribute("data-customer")).toBe("5420");
    await page.getByRole("searchbox").fill("15562");
    await page.getByText("1 result", { exact: true }).waitFor();
    await table.locator("tbody tr").first().locator("input").check();
    await page.locator('[data-testid="drilldown"][data-customer="15562"]').waitFor({ timeout: 30_000 });
    await settle(page);
    expect(await page.locator('svg[aria-label="Purchases and P(alive) over time of customer 15562"]').count()).toBe(1);

    await page.getByRole("searchbox").fill("");
    await page.getByText("2,357 results").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /^Download 2,357 rows as CSV$/ }).click()]);
    const csv = readFileSync((await download.path())!, "utf8").trim().split("\n");
    expect(csv).toHaveLength(2358);
    expect(csv[0]).toBe("customer_id,repeat_purchases_x,recency_tx_weeks,age_T_weeks,p_alive,expected_purchases_12_months,expected_spend_per_purchase,clv_12_months,historical_revenue,rfm_segment,rfm_score");

    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.screenshot({ path: "test-results/customers-page.png", fullPage: true });
    await page.context().close();
  });

  it("offers MBG/NBD for one-time buyers; choosing it rescores and lowers their P(alive)", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/customers`);
    await page.getByTestId("customers-table").waitFor({ timeout: 120_000 });
    await settle(page);
    await page.getByRole("button", { name: "Use MBG/NBD" }).click();
    await page.getByTestId("fit-status").filter({ hasText: "with MBG/NBD + Gamma-Gamma" }).waitFor({ timeout: 60_000 });
    await settle(page);
    expect(new URL(page.url()).searchParams.get("model")).toBe("mbgnbd");
    expect(await page.locator('[data-kind="p-alive-one"]').count()).toBe(0);
    await page.getByRole("searchbox").fill("hibernating");
    const firstPAlive = await page.getByTestId("customers-table").locator("tbody tr").first().locator("td").nth(5).innerText();
    expect(Number(firstPAlive.replace(" %", ""))).toBeLessThan(100);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });

  it("warns in plain words when spend per purchase moves with purchase frequency (uploaded log)", async () => {
    // 240 customers; customer i plans k = i mod 8 repeat purchases, 10 days apart, each of 20 + 15·k
    // (money): the frequent buyers are the big spenders, so spend and frequency are correlated
    const lines = ["customer_id,date,amount"];
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 240; i++) {
      const k = i % 8;
      const first = i % 28;
      for (let j = 0; j <= k; j++) lines.push(`u${i},${day(first + 10 * j)},${(20 + 15 * k + (j % 3)).toFixed(2)}`);
    }
    const file = join(mkdtempSync(join(tmpdir(), "cvw-customers-test-")), "spend-follows-frequency.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);

    const { page, problems } = await openPage(browser);
    await selectDataset(page, inject("baseUrl"), { file });
    await page.goto(`${inject("baseUrl")}/customers`);
    await page.getByTestId("customers-table").waitFor({ timeout: 120_000 });
    await settle(page);
    const warning = page.locator('[data-testid="model-notices"] [data-kind="spend-correlation"]');
    expect(await warning.count()).toBe(1);
    const text = await warning.innerText();
    expect(text).toMatch(/^Gamma-Gamma: Spend per purchase moves with how often customers buy \(correlation 0\.\d\d\)/);
    expect(Number(/correlation (0\.\d\d)/.exec(text)![1])).toBeGreaterThan(0.3);
    expect(text).toContain("CLV, may be biased");
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
