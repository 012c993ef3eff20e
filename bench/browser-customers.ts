/**
 * Issue 5 in the browser: time from "data loaded" (the Customers page's dataset is ingested in
 * DuckDB-WASM) to "Customers table rendered" (summary SQL, BG/NBD + Gamma-Gamma fit in the Web Worker,
 * scores, RFM, 100k-row table on screen) in headless Chromium, for the CDNOW demo (goal < 1 s) and for
 * a generated log of 100,000 customers (goal < 5 s). The generated log is simulated from BG/NBD at the
 * CDNOW parameters (src/models/simulate.ts, seed 5; first purchases over 2023, log to 2024-12-31) and
 * uploaded as a CSV the way the Data page stores it (IndexedDB selection with the File).
 * The page marks `data-data-loaded` and `data-table-rendered` on <body> (performance.now()).
 *
 * Run standalone: `npx tsx bench/browser-customers.ts` (builds the site into $CVW_DIST, default
 * /tmp/cvw-bench-dist, unless CVW_SKIP_BUILD=1).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, openPage, selectDataset } from "../test/support/browser.js";
import { simulateTransactionLog } from "../src/models/simulate.js";
import { closeSite, servedSite, type BenchResult } from "./support.js";

const DAY = 86_400_000;

function generatedLogCsv(customers: number): { path: string; rows: number } {
  const start = Date.UTC(2023, 0, 1) / DAY;
  const log = simulateTransactionLog("bgnbd", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { customers, unit: "week", startEpochDay: start, acquisitionDays: 365, endEpochDay: Date.UTC(2024, 11, 31) / DAY, seed: 5 });
  const lines = ["customer_id,date,amount"];
  for (let k = 0; k < log.customer.length; k++) {
    lines.push(`c${log.customerIds[log.customer[k]]},${new Date(log.epochDay[k] * DAY).toISOString().slice(0, 10)},${log.amount[k].toFixed(2)}`);
  }
  const path = join(mkdtempSync(join(tmpdir(), "cvw-bench-customers-")), "generated-100k.csv");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { path, rows: lines.length - 1 };
}

/** Open the Customers page and return (table rendered − data loaded) in seconds, and the rows shown. */
async function timeCustomersPage(page: Page, baseUrl: string): Promise<{ seconds: number; customers: string; parts: string }> {
  await page.goto(`${baseUrl}/customers`);
  await page.waitForFunction(() => document.body.dataset.tableRendered, undefined, { timeout: 600_000, polling: 50 });
  const m = await page.evaluate(() => {
    const d = document.body.dataset;
    return { loaded: Number(d.dataLoaded), fitStarted: Number(d.fitStarted), fitDone: Number(d.fitDone), rendered: Number(d.tableRendered) };
  });
  const customers = await page.getByTestId("stat-customers").innerText();
  const s = (a: number, b: number) => ((b - a) / 1000).toFixed(2);
  const parts = `summary SQL + transfer ${s(m.loaded, m.fitStarted)} s, worker fit + scores ${s(m.fitStarted, m.fitDone)} s, rows + table ${s(m.fitDone, m.rendered)} s`;
  return { seconds: (m.rendered - m.loaded) / 1000, customers, parts };
}

export async function run(): Promise<BenchResult[]> {
  const { url } = await servedSite();
  const generated = generatedLogCsv(100_000);
  const browser = await launchBrowser();
  const results: BenchResult[] = [];
  try {
    const version = browser.version();
    const load = () => `1-min load average ${loadavg()[0].toFixed(1)} on 2 cores`;
    {
      const { page, problems } = await openPage(browser);
      const cdnow = await timeCustomersPage(page, url);
      if (problems.pageErrors.length || problems.consoleErrors.length) throw new Error(`browser problems: ${[...problems.pageErrors, ...problems.consoleErrors].join("; ")}`);
      results.push({ name: `browser (Chromium ${version}): Customers page, data loaded → table rendered, CDNOW demo (${cdnow.customers} customers)`, seconds: cdnow.seconds, ratio: { to: "goal 1 s", value: cdnow.seconds }, note: `${cdnow.parts}; ${load()}` });
      await page.context().close();
    }
    {
      const { page, problems } = await openPage(browser);
      await selectDataset(page, url, { file: generated.path });
      const big = await timeCustomersPage(page, url);
      if (problems.pageErrors.length || problems.consoleErrors.length) throw new Error(`browser problems: ${[...problems.pageErrors, ...problems.consoleErrors].join("; ")}`);
      results.push({ name: `browser: Customers page, data loaded → table rendered, generated log (${big.customers} customers scored, ${generated.rows.toLocaleString("en-US")} rows)`, seconds: big.seconds, ratio: { to: "goal 5 s", value: big.seconds / 5 }, note: `${big.parts}; BG/NBD simulated at CDNOW parameters, calibration on the first 2/3 of the dates; ${load()}` });
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    for (const r of await run()) console.log(`${r.name.padEnd(130)} ${r.seconds.toFixed(3)} s  ${r.ratio ? `×${r.ratio.value.toFixed(3)} ${r.ratio.to}` : ""}  ${r.note ?? ""}`);
  } finally {
    await closeSite();
  }
}
