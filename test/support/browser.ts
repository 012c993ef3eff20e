/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the browser tests, with the
 * workbench's guarantees checked on every page: no console error, no Observable error cell, and no
 * request leaving 127.0.0.1 (such requests are blocked and reported).
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Launch Chromium (a fresh temporary profile each time), or fail with the command that installs it (never skip silently). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install Debian's package: \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH). Never \`npx playwright install\`.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What went wrong on a page, collected while a test drives it. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  offOriginRequests: string[];
  failedRequests: string[];
}

/** Open a new page that records console errors, uncaught errors and blocks off-origin requests. */
export async function openPage(browser: Browser, options: { viewport?: { width: number; height: number }; colorScheme?: "light" | "dark" } = {}): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, colorScheme: options.colorScheme ?? "light" });
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(String(error)));
  page.on("requestfailed", (request) => {
    if (!problems.offOriginRequests.includes(request.url())) problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const local = (url.protocol === "http:" && url.hostname === "127.0.0.1") || url.protocol === "data:" || url.protocol === "blob:";
    if (local) return route.continue();
    problems.offOriginRequests.push(route.request().url());
    return route.abort();
  });
  return { page, problems };
}

/** Text of every Observable error cell on the page (cells that failed to evaluate). */
export async function observableErrors(page: Page): Promise<string[]> {
  return page.locator(".observablehq--error").allInnerTexts();
}

/** Wait until Framework has no cell still pending (no `<observablehq-loading>` element), then a short settle. */
export async function settle(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, { timeout: timeoutMs });
  await page.waitForTimeout(200);
}

/**
 * Make a dataset the active one, as the Data page does (docs/components/dataset.js saveSelection:
 * IndexedDB "customer-value-workbench" / "datasets" / "active"), so the next page opened loads it: a
 * demo by name, or `file` (a local path) as an upload. Leaves `page` on the site's home page.
 */
export async function selectDataset(page: Page, baseUrl: string, dataset: { demo: "cdnow" | "northwind" } | { file: string }): Promise<void> {
  await page.goto(`${baseUrl}/`);
  if ("file" in dataset) {
    await page.evaluate(() => {
      const input = document.createElement("input");
      input.type = "file";
      input.id = "cvw-test-upload";
      document.body.append(input);
    });
    await page.setInputFiles("#cvw-test-upload", dataset.file);
  }
  await page.evaluate(
    (demo) =>
      new Promise<void>((resolve, reject) => {
        const upload = demo ? undefined : (document.getElementById("cvw-test-upload") as HTMLInputElement).files![0];
        const selection = upload ? { kind: "upload", label: upload.name, files: { transactions: upload } } : { kind: "demo", demo };
        const open = indexedDB.open("customer-value-workbench", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("datasets");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("datasets", "readwrite");
          tx.objectStore("datasets").put(selection, "active");
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    "demo" in dataset ? dataset.demo : null,
  );
}
