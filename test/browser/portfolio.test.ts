/**
 * The Portfolio page: on CDNOW (no key-account flag) the largest customers stand in for key
 * accounts; after the one-click switch to the Northwind demo company, clicking a matrix cell lists
 * exactly that cell's members, the tiers table sums to every row, and the URL keeps the cell and
 * the tier cut-offs across a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";

const LOAD_MS = 120_000;

describe("Portfolio page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("matrix cell click lists its members; pyramid, resource plan and key accounts; URL state survives a reload", { timeout: 300_000 }, async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    await page.goto(`${inject("baseUrl")}/portfolio`);
    await page.getByTestId("key-accounts").waitFor({ timeout: LOAD_MS });
    expect(await page.getByTestId("key-accounts-note").innerText()).toContain("no key-account flag; the 20 largest customers");
    // CDNOW has a fitted CLV, so tiers can be by predicted CLV
    expect(await page.getByLabel("predicted CLV").count()).toBe(1);
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);

    await Promise.all([page.waitForEvent("load", { timeout: LOAD_MS }), page.getByTestId("switch-northwind").click()]);
    await page.getByTestId("key-accounts").waitFor({ timeout: LOAD_MS });
    expect(await page.getByTestId("portfolio-dataset").innerText()).toContain("Northwind Supplies");
    // 71 key accounts in the demo company (data/demo/README.md)
    expect(await page.getByTestId("key-accounts-note").innerText()).toMatch(/^71 key accounts/);
    // the tiers partition the 3,000 customers and 400 prospects
    const tierRows = await page.locator('[data-testid="tier-table"] tbody tr').allInnerTexts();
    expect(tierRows.map((r) => r.split("\t")[1])).toEqual(["platinum", "gold", "silver", "bronze", "lead"]);
    expect(tierRows.reduce((s, r) => s + Number(r.split("\t")[2].replace(/,/g, "")), 0)).toBe(3400);

    // click the high value × high opportunity cell: its members are listed, as many as the cell says
    const cell = page.locator('.cvw-matrix rect[data-cell="high-high"]');
    const label = (await cell.getAttribute("aria-label")) ?? "";
    const customers = Number(/(\d+) customers/.exec(label)?.[1]);
    expect(customers).toBeGreaterThan(0);
    await cell.click();
    const members = page.locator('[data-testid="cell-members"][data-cell="high-high"]');
    await members.waitFor();
    expect(Number(await members.getAttribute("data-count"))).toBe(customers);
    expect(await members.locator("h3").innerText()).toContain("invest & grow");
    expect(await cell.getAttribute("aria-pressed")).toBe("true");
    expect(new URL(page.url()).searchParams.get("cell")).toBe("high-high");

    // keyboard: Enter on another cell chooses it
    await page.locator('.cvw-matrix rect[data-cell="low-low"]').focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="cell-members"][data-cell="low-low"]').waitFor();
    expect(await page.locator('[data-testid="cell-members"] h3').innerText()).toContain("reduce cost to serve");

    // a narrower platinum tier goes into the URL and survives a reload, with the chosen cell
    const platinum = page.getByLabel("Platinum: top %").first();
    await platinum.fill("2");
    await platinum.press("Enter");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("platinum") === "2");
    await page.reload();
    await page.locator('[data-testid="cell-members"][data-cell="low-low"]').waitFor({ timeout: LOAD_MS });
    const platinumRow = (await page.locator('[data-testid="tier-table"] tbody tr').first().innerText()).split("\t");
    expect(platinumRow[1]).toBe("platinum");
    expect(Number(platinumRow[2].replace(/,/g, ""))).toBe(60); // top 2 % of 3,000 customers
    // the strategy table has the nine cells and their resource shares sum to 100 %
    const shares = (await page.locator('[data-testid="strategy-table"] tbody tr').allInnerTexts()).map((r) => Number(r.split("\t")[3].replace(" %", "")));
    expect(shares).toHaveLength(9);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    await page.screenshot({ path: "test-results/portfolio-page.png", fullPage: true });
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
