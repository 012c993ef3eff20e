#!/usr/bin/env node
/**
 * Print the built published report (`/report`) to an A4 PDF with headless Chromium (playwright-core
 * `page.pdf()`, the browser's own print path with the site's @media print CSS), offline: every request
 * off 127.0.0.1 is blocked. Optionally converts the pages to PNG with `pdftoppm` (Debian's
 * poppler-utils) when it is installed.
 *
 *   node scripts/report-pdf.mjs [--build] [--out test-results/report.pdf] [--png-dir DIR]
 *
 * --build   clear the report loader's cache (docs/.observablehq/cache/data/report-data.json) and build
 *           the site into $CVW_DIST (default dist/) first, so a changed config or data file is used
 * Exported: `renderReportPdf(baseUrl, outPath)` for the browser test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Open `${baseUrl}/report` in headless Chromium at A4 width and print it to `outPath`; returns the PDF's byte length. */
export async function renderReportPdf(baseUrl, outPath) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    // 794 CSS px = A4 width at 96 dpi: charts are laid out for the paper, not for a wide screen.
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, colorScheme: "light" });
    await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/report`, { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0 && document.querySelector("[data-section=definitions]"), undefined, { timeout: 120_000 });
    await page.waitForTimeout(300);
    await page.emulateMedia({ media: "print" });
    mkdirSync(dirname(outPath), { recursive: true });
    const pdf = await page.pdf({ path: outPath, format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" }, displayHeaderFooter: true, headerTemplate: "<span></span>", footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>' });
    return pdf.length;
  } finally {
    await browser.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const dist = resolve(process.env.CVW_DIST ?? join(root, "dist"));
  const out = resolve(value("--out", join(root, "test-results", "report.pdf")));
  if (args.includes("--build")) {
    rmSync(join(root, "docs", ".observablehq", "cache", "data", "report-data.json"), { force: true });
    execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, CVW_DIST: dist } });
  }
  if (!existsSync(join(dist, "report.html"))) throw new Error(`${dist}/report.html not found: build the site first (npm run build, or --build)`);
  const { server, url } = await startServer(dist, 0);
  try {
    const bytes = await renderReportPdf(url, out);
    console.log(`${out} (${Math.round(bytes / 1024)} KB)`);
  } finally {
    server.close();
  }
  const pngDir = value("--png-dir", join(dirname(out), "report-pages"));
  if (spawnSync("pdftoppm", ["-v"]).error) {
    console.log("pdftoppm not found (apt-get install -y poppler-utils): no PNG pages");
    return;
  }
  mkdirSync(pngDir, { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "80", out, join(pngDir, "report-page")]);
  console.log(`${pngDir}/report-page-*.png`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`report-pdf: ${error.message}`);
    process.exit(1);
  });
}
