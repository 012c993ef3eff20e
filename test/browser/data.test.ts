/**
 * The Data page: the CDNOW demo through DuckDB-WASM with its known numbers; uploads replace it (with
 * the optional customers table); file text is shown as text (no script runs); the column mapping is
 * editable, applies, is remembered for the same header and round-trips as the CLI's JSON; a file too
 * large for a tab gets a message pointing to the CLI; nothing ever leaves the origin.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";
import { parseMappingJson } from "../../src/data/mapping.js";

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] };
const dir = mkdtempSync(join(tmpdir(), "cvw-upload-"));
const write = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
};

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
    expect(await summary.getAttribute("data-rows-used")).toBe("6919");
    expect(await summary.getAttribute("data-rows-rejected")).toBe("0");
    expect(await summary.getAttribute("data-customers")).toBe("2357");
    expect(await page.getByTestId("stat-rows").innerText()).toBe("6,919");
    expect(await page.getByTestId("stat-dates").innerText()).toBe("1997-01-01 – 1998-06-30");
    expect(await page.getByTestId("stat-total").innerText()).toBe("244,091.94");
    expect(await page.getByTestId("reconciliation").innerText()).toBe("6,919 rows read = 6,919 used + 0 rejected");
    // The inferred mapping is shown: masterid → customer id, sales → amount, dates YYYYMMDD.
    const editor = page.getByTestId("mapping-editor-transactions");
    expect(await editor.getByLabel("Customer id").inputValue()).toBe("masterid");
    expect(await editor.getByLabel("Amount").inputValue()).toBe("sales");
    expect(await editor.getByLabel("Date format").inputValue()).toBe("%Y%m%d");
    await page.locator('[data-testid="weekly-chart"] svg').first().waitFor();
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual(NO_PROBLEMS);
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/data-page.png", fullPage: true });
    if (process.env.CVW_UPDATE_SCREENSHOTS === "1") copyFileSync("test-results/data-page.png", "screenshots/data-page.png");
    await page.context().close();
  });

  it("an upload (with a customers table) replaces the demo for every page; file text shows as text; reset returns to the demo", async () => {
    const evil = "<img src=x onerror=window.__pwned=1>";
    const tx = write("my-shop.csv", ["customer_id,date,amount", "a,2024-01-05,10.50", "a,2024-02-01,20", "b,2024-01-07,5.25", "c,2024-03-31,100", "b,2024-01-07,1", `${evil},2024-01-09,2`, `d,2024-01-10,<script>window.__pwned=2</script>`]);
    const customers = write("my-customers.csv", ["customer_id;segment;acquisition_date", "a;retail;2023-12-01", "b;retail;2023-12-02", "a;wholesale;2023-12-03"]);
    const { page, problems } = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/data`);
    await page.getByTestId("ingest-summary").waitFor({ timeout: 60_000 });
    await page.getByTestId("file-customers").setInputFiles(customers);
    await page.getByTestId("file-transactions").setInputFiles(tx);
    const summary = page.locator('[data-testid="ingest-summary"][data-source="my-shop.csv"]');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute("data-rows-read")).toBe("7");
    expect(await summary.getAttribute("data-rows-used")).toBe("6");
    expect(await summary.getAttribute("data-rows-rejected")).toBe("1");
    expect(await summary.getAttribute("data-customers")).toBe("4");
    expect(await page.getByTestId("stat-dates").innerText()).toBe("2024-01-05 – 2024-03-31");
    expect(await page.getByTestId("stat-total").innerText()).toBe("138.75");
    // The customers table: 3 rows read, the repeated id "a" rejected.
    const table = page.getByTestId("table-summary-customers");
    await table.waitFor();
    expect([await table.getAttribute("data-rows-read"), await table.getAttribute("data-rows-used"), await table.getAttribute("data-rows-rejected")]).toEqual(["3", "2", "1"]);
    expect(await page.getByTestId("mapping-editor-customers").getByLabel("Segment").inputValue()).toBe("segment");
    // Text from the file is text: the id is shown literally and no handler or script ran.
    expect(await page.getByTestId("preview").innerText()).toContain(evil);
    expect(await page.locator('[data-testid="rejections"] tr[data-reason="non_numeric_amount"]').innerText()).toContain("<script>window.__pwned=2</script>");
    expect(await page.locator("main img, main script:not([type])").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Another page uses the upload.
    await page.goto(`${inject("baseUrl")}/customers`);
    await page.getByText("my-shop.csv").first().waitFor({ timeout: 60_000 });
    await settle(page);
    await page.goto(`${inject("baseUrl")}/data`);
    await page.locator('[data-testid="ingest-summary"][data-source="my-shop.csv"]').waitFor({ timeout: 60_000 });
    await page.getByTestId("reset-demo").click();
    await page.locator('[data-testid="ingest-summary"][data-source="CDNOW sample (demo)"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("choose-cdnow").isChecked()).toBe(true);
    await settle(page);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it("ambiguous dates are explained; a mapping applied in the editor re-reads the file, is remembered for the header and saves as the CLI's JSON", async () => {
    const lines = ["customer|date|amount", "a|03/04/2024|1", "b|05/06/2024|2", "a|07/08/2024|3"];
    const { page, problems } = await openPage(browser, { viewport: { width: 1200, height: 1000 } });
    await page.goto(`${inject("baseUrl")}/data`);
    await page.getByTestId("ingest-summary").waitFor({ timeout: 60_000 });
    await page.getByTestId("file-transactions").setInputFiles(write("ambiguous.txt", lines));
    await page.locator('[data-testid="ingest-summary"][data-source="ambiguous.txt"]').waitFor({ timeout: 60_000 });
    const note = await page.getByTestId("date-ambiguity").innerText();
    expect(note).toContain("“03/04/2024”");
    expect(note).toMatch(/3 April 2024/);
    expect(note).toMatch(/4 March 2024/);
    // Read day-first by default (the tie-break); the user switches to month-first.
    expect(note).toMatch(/“03\/04\/2024” was read as 3 April 2024 \(DD\/MM\/YYYY\); read as MM\/DD\/YYYY it would be 4 March 2024/);
    expect(await page.getByTestId("stat-dates").innerText()).toBe("2024-04-03 – 2024-08-07");
    const editor = page.getByTestId("mapping-editor-transactions");
    expect(await editor.getByLabel("Date format").inputValue()).toBe("%d/%m/%Y");
    await editor.getByLabel("Date format").selectOption("%m/%d/%Y");
    await editor.getByRole("button", { name: /Apply mapping/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="stat-dates"]')?.textContent === "2024-03-04 – 2024-07-08", undefined, { timeout: 60_000 });
    expect(await page.getByTestId("date-ambiguity").count()).toBe(0);
    // Saved as the JSON `cvw validate --mapping` reads.
    const [download] = await Promise.all([page.waitForEvent("download"), editor.getByRole("button", { name: "Download mapping (JSON)" }).click()]);
    const mapping = parseMappingJson(readFileSync((await download.path())!, "utf8"), "downloaded");
    expect(mapping).toMatchObject({ version: 1, table: "transactions", columns: { customerId: "customer", date: "date", amount: "amount" }, dateFormat: "%m/%d/%Y", delimiter: "|" });
    // A new file with the same header is read with the remembered mapping, without a click.
    await page.getByTestId("file-transactions").setInputFiles(write("ambiguous-again.txt", [...lines, "c|09/10/2024|4"]));
    await page.locator('[data-testid="ingest-summary"][data-source="ambiguous-again.txt"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("stat-dates").innerText()).toBe("2024-03-04 – 2024-09-10");
    expect(await page.getByTestId("active-dataset").innerText()).toContain("remembered");
    // A file whose amount column cannot be found: the editor is offered on its header.
    await page.getByTestId("file-transactions").setInputFiles(write("two-columns.csv", ["client,day", "a,2024-01-01"]));
    await page.locator('[data-testid="ingest-error"][data-source="two-columns.csv"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("ingest-error-message").innerText()).toMatch(/two-columns\.csv: .*amount/);
    await page.getByTestId("mapping-editor-transactions").waitFor();
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it("a file too large for the tab gets a message pointing to the CLI", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/data`);
    await page.getByTestId("ingest-summary").waitFor({ timeout: 60_000 });
    await page.evaluate(() => localStorage.setItem("cvw-max-file-bytes", "64"));
    await page.getByTestId("file-transactions").setInputFiles(write("huge.csv", ["customer_id,date,amount", ...Array.from({ length: 20 }, (_, i) => `c${i},2024-01-01,1`)]));
    await page.locator('[data-testid="ingest-error"][data-source="huge.csv"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("ingest-error").innerText()).toContain("too large for a browser tab");
    expect(await page.getByTestId("ingest-error-message").innerText()).toMatch(/huge\.csv is 1 KB, more than a browser tab can validate .*cvw validate "huge\.csv"/);
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });
});
