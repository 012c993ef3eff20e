/**
 * The Data page against a zoo of awkward files the test writes itself (every quirk of issue 4: BOM,
 * CRLF, quoted fields, semicolons and decimal commas, tabs, pipes, currency symbols and thousands
 * separators, ISO / YYYYMMDD / DD/MM/YYYY dates with and without a time, ambiguous DD/MM vs MM/DD,
 * JSON, Parquet, an empty, a header-only and a binary file, and 100,000 rows of which a known number are
 * bad). Each file is uploaded with setInputFiles; the counts the page shows must equal the generator's
 * truth, nothing may crash, and no request may leave the page's origin during or after the uploads.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";
import { ingestTransactions } from "../../src/data/ingest.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";

const dir = mkdtempSync(join(tmpdir(), "cvw-zoo-"));
const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** What the page must show for a file that ingests. */
interface Truth {
  read: number;
  used: number;
  rejected: number;
  customers: number;
  total?: string;
  dates?: string;
  returns?: number;
}

/** The 100,000-row file: known bad rows by construction, truth counted while writing. */
function bigFile(): { path: string; truth: Truth & { byReason: Record<string, number>; rejectedRows: number[] } } {
  const lines = ["order_id,customer_id,order_date,amount,category"];
  const byReason: Record<string, number> = { missing_customer_id: 0, unparseable_date: 0, non_numeric_amount: 0, malformed_row: 0, future_date: 0 };
  const rejectedRows: number[] = [];
  const customers = new Set<string>();
  let cents = 0;
  let returns = 0;
  const day0 = Date.UTC(2023, 0, 1);
  for (let i = 1; i <= 100_000; i++) {
    const customer = `C${i % 25_000}`;
    let id = customer;
    let date = new Date(day0 + (i % 700) * 86_400_000).toISOString().slice(0, 10);
    const amountCents = ((i * 37) % 20_000) + 100;
    const negative = i % 500 === 250;
    let amount = `${negative ? "-" : ""}${(amountCents / 100).toFixed(2)}`;
    let extra = "";
    let reason: string | undefined;
    if (i % 1000 === 7) (id = ""), (reason = "missing_customer_id");
    else if (i % 1000 === 13) (date = "2023-02-30"), (reason = "unparseable_date");
    else if (i % 1000 === 21) (amount = "n/a"), (reason = "non_numeric_amount");
    else if (i % 1000 === 33) (extra = ",surplus"), (reason = "malformed_row");
    else if (i % 10_000 === 55) (extra = ",x,y,z"), (reason = "malformed_row"); // the CSV reader cannot split it
    else if (i % 5000 === 77) (date = "2099-01-01"), (reason = "future_date");
    lines.push(`O${i},${id},${date},${amount},cat${i % 5}${extra}`);
    if (reason) byReason[reason]++, rejectedRows.push(i);
    else {
      customers.add(customer);
      cents += negative ? -amountCents : amountCents;
      if (negative) returns++;
    }
  }
  const rejected = Object.values(byReason).reduce((a, b) => a + b, 0);
  const total = (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return { path: write("hundred-thousand.csv", lines.join("\n") + "\n"), truth: { read: 100_000, used: 100_000 - rejected, rejected, customers: customers.size, total, returns, byReason, rejectedRows } };
}

/** Small files, one quirk each, with their truth. */
const ZOO: { name: string; content: string; truth: Truth }[] = [
  {
    name: "bom-crlf-quoted.csv",
    content: '\uFEFF"Customer ID","Order Date","Amount","Note"\r\n"A1","2024-01-05","10.50","plain"\r\n"A2","2024-01-06","20.00","with, comma"\r\n"A1","2024-02-01","5.25","say ""hi"""\r\n"A3","2024-02-02","1.00","two\r\nlines"\r\n',
    truth: { read: 4, used: 4, rejected: 0, customers: 3, total: "36.75", dates: "2024-01-05 – 2024-02-02" },
  },
  {
    name: "semicolon-decimal-comma.csv",
    content: 'kunde;datum;betrag\nK1;05.01.2024;"1.234,56"\nK2;13.01.2024;12,50\nK1;20.02.2024;-3,10\nK3;21.02.2024;€ 7,00\n',
    truth: { read: 4, used: 4, rejected: 0, customers: 3, total: "1,250.96", dates: "2024-01-05 – 2024-02-21", returns: 1 },
  },
  {
    name: "tabs-yyyymmdd.tsv",
    content: "cust\tdate\tsales\nx\t20230105\t3\ny\t20230301\t4.5\nz\t20231301\t9\n",
    truth: { read: 3, used: 2, rejected: 1, customers: 2, total: "7.50", dates: "2023-01-05 – 2023-03-01" },
  },
  {
    name: "dmy-with-time.csv",
    content: "client,invoice_date,total\nc1,25/12/2023 14:30,100\nc2,31/01/2024 09:00,50.5\nc1,01/02/2024 23:59,1\n",
    truth: { read: 3, used: 3, rejected: 0, customers: 2, total: "151.50", dates: "2023-12-25 – 2024-02-01" },
  },
  {
    name: "iso-with-time.csv",
    content: "customer_id,timestamp,amount\na,2024-01-05T10:30:00Z,1\nb,2024-01-06 23:59:59,2\nc,2024-01-07T00:00:00+02:00,3\n",
    truth: { read: 3, used: 3, rejected: 0, customers: 3, total: "6.00", dates: "2024-01-05 – 2024-01-07" },
  },
  {
    name: "currency-thousands.csv",
    content: 'customer_id,date,amount\na,2024-01-01,"$1,234.50"\nb,2024-01-02,USD 20\nc,2024-01-03,£3.00\nd,2024-01-04,\n',
    truth: { read: 4, used: 3, rejected: 1, customers: 3, total: "1,257.50", dates: "2024-01-01 – 2024-01-03" },
  },
  {
    name: "records.json",
    content: JSON.stringify([
      { customer_id: "j1", date: "2024-01-02", amount: 10.5 },
      { customer_id: "j2", date: "2024-01-05", amount: 7.25 },
      { customer_id: "j1", date: "2024-01-09", amount: null },
    ]),
    truth: { read: 3, used: 2, rejected: 1, customers: 2, total: "17.75", dates: "2024-01-02 – 2024-01-05" },
  },
  {
    name: "records.ndjson",
    content: '{"customer_id":"n1","date":"2024-03-01","amount":"5"}\n{"customer_id":"n2","date":"2024-03-02","amount":-2}\n',
    truth: { read: 2, used: 2, rejected: 0, customers: 2, total: "3.00", dates: "2024-03-01 – 2024-03-02", returns: 1 },
  },
];

/** Files the page must refuse with a clear message (matched against the message shown). */
const REFUSED: { name: string; content: string | Uint8Array; message: RegExp }[] = [
  { name: "empty.csv", content: "", message: /empty\.csv: the file is empty/ },
  { name: "header-only.csv", content: "customer_id,date,amount\n", message: /header-only\.csv: the file has a header \(customer_id, date, amount\) but no data rows/ },
  { name: "binary.csv", content: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256), message: /binary\.csv: not a text file/ },
  { name: "broken.json", content: '[{"customer_id": "a",', message: /broken\.json: not valid JSON/ },
];

async function upload(page: Page, path: string) {
  await page.getByTestId("file-transactions").setInputFiles(path);
}

/** Wait for the summary (or the error block) of `name`, whichever appears. */
async function outcome(page: Page, name: string): Promise<{ summary: Record<string, string | null> } | { error: string }> {
  const summary = page.locator(`[data-testid="ingest-summary"][data-source="${name}"]`);
  const error = page.locator(`[data-testid="ingest-error"][data-source="${name}"]`);
  await summary.or(error).first().waitFor({ timeout: 90_000 });
  if (await error.count()) return { error: await page.getByTestId("ingest-error-message").innerText() };
  const attrs: Record<string, string | null> = {};
  for (const a of ["rows-read", "rows-used", "rows-rejected", "customers"]) attrs[a] = await summary.getAttribute(`data-${a}`);
  return { summary: attrs };
}

describe("Data page: the file zoo", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("every quirk: counts equal the truth, bad files get a clear message, nothing leaves the origin", async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1200, height: 1000 } });
    await page.goto(`${inject("baseUrl")}/data`);
    await page.getByTestId("ingest-summary").waitFor({ timeout: 60_000 });
    for (const file of ZOO) {
      await upload(page, write(file.name, file.content));
      const result = await outcome(page, file.name);
      expect(result, file.name).toEqual({ summary: { "rows-read": String(file.truth.read), "rows-used": String(file.truth.used), "rows-rejected": String(file.truth.rejected), customers: String(file.truth.customers) } });
      const fmt = (n: number) => n.toLocaleString("en-US");
      expect(await page.getByTestId("reconciliation").innerText(), file.name).toBe(`${fmt(file.truth.read)} rows read = ${fmt(file.truth.used)} used + ${fmt(file.truth.rejected)} rejected`);
      if (file.truth.total) expect(await page.getByTestId("stat-total").innerText(), file.name).toBe(file.truth.total);
      if (file.truth.dates) expect(await page.getByTestId("stat-dates").innerText(), file.name).toBe(file.truth.dates);
      expect(await page.getByTestId("stat-returns").innerText(), file.name).toBe(String(file.truth.returns ?? 0));
    }
    for (const file of REFUSED) {
      await upload(page, write(file.name, file.content));
      const result = await outcome(page, file.name);
      expect("error" in result ? result.error : result, file.name).toMatch(file.message);
    }
    // Parquet (zstd, two row groups, a bad date and a missing id): read in the tab with hyparquet, no
    // extension fetched, and counted as native DuckDB counts the same file (the CLI's path).
    const parquet = join(dir, "orders.parquet");
    const db = await NodeDuckDB.open();
    await db.exec(`COPY (SELECT CASE WHEN i = 7 THEN NULL ELSE 'p' || (i % 40) END AS customer_id,
      CASE WHEN i = 9 THEN '2024-02-30' ELSE strftime(DATE '2024-01-01' + (i % 90)::INTEGER, '%Y-%m-%d') END AS order_date,
      (i % 97 + 0.25)::DECIMAL(8,2) AS amount FROM range(3000) t(i)) TO '${parquet}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048)`);
    const native = await ingestTransactions(db, { fileName: parquet }, {});
    db.close();
    expect(native.report).toMatchObject({ rowsRead: 3000, rowsUsed: 2998, rowsRejected: 2 });
    await upload(page, parquet);
    expect(await outcome(page, "orders.parquet")).toEqual({ summary: { "rows-read": "3000", "rows-used": "2998", "rows-rejected": "2", customers: String(native.report.customers) } });
    expect(await page.getByTestId("stat-total").innerText()).toBe(native.report.totalAmount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });

  it("100,000 rows with known bad rows: read = used + rejected, each reason counted, rejected rows downloadable", async () => {
    const { path, truth } = bigFile();
    const { page, problems } = await openPage(browser, { viewport: { width: 1200, height: 1000 } });
    await page.goto(`${inject("baseUrl")}/data`);
    await page.getByTestId("ingest-summary").waitFor({ timeout: 60_000 });
    await upload(page, path);
    const result = await outcome(page, "hundred-thousand.csv");
    expect(result).toEqual({ summary: { "rows-read": "100000", "rows-used": String(truth.used), "rows-rejected": String(truth.rejected), customers: String(truth.customers) } });
    expect(truth.rejected).toBe(430);
    expect(await page.getByTestId("stat-total").innerText()).toBe(truth.total);
    expect(await page.getByTestId("stat-returns").innerText()).toBe(String(truth.returns));
    for (const [reason, n] of Object.entries(truth.byReason)) {
      expect(await page.locator(`[data-testid="rejections"] tr[data-reason="${reason}"] td.num`).innerText(), reason).toBe(n.toLocaleString("en-US"));
    }
    // First example of the missing ids: data row 7.
    expect(await page.locator('[data-testid="rejections"] tr[data-reason="missing_customer_id"] td').nth(1).innerText()).toBe("row 7");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-rejected").click()]);
    const csv = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^row_number,line,reason,reason_label,column_name,value,order_id,customer_id,order_date,amount,category/);
    expect(lines.length - 1).toBe(430);
    expect(lines[1]).toMatch(/^7,,missing_customer_id,customer id is empty,customer_id,/);
    // Every rejected row has its true data row number, also after the 10 rows the CSV reader could not split.
    expect(lines.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(truth.rejectedRows);
    await settle(page);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
