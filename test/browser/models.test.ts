/**
 * The Models page on the CDNOW demo: the parameters shown equal `cvw fit --json` (same library, native
 * DuckDB vs DuckDB-WASM for the summary), the holdout check shows the 1,882 actual repeat transactions,
 * and the main thread has no long task over 200 ms while the worker fits.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";

type CliFit = { models: Record<string, { params: Record<string, number>; logLikelihood: number; converged: boolean }>; holdout: { actualPurchases: number } };

describe("Models page (CDNOW demo)", () => {
  let browser: Browser;
  let cli: CliFit;
  beforeAll(async () => {
    browser = await launchBrowser();
    const out = execFileSync("./bin/cvw.mjs", ["fit", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--unit", "week", "--models", "bgnbd,pnbd,mbgnbd,gg", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    cli = JSON.parse(out) as CliFit;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the CLI's parameters, the 1,882 holdout transactions, and stays responsive during the fit", async () => {
    const { page, problems } = await openPage(browser, { viewport: { width: 1200, height: 1000 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(`${inject("baseUrl")}/models`);
    await page.getByTestId("model-comparison").waitFor({ timeout: 120_000 });
    await settle(page);

    for (const [model, fit] of Object.entries(cli.models)) {
      for (const [name, value] of Object.entries(fit.params)) {
        const shown = Number(await page.getByTestId(`param-${model}-${name}`).getAttribute("data-value"));
        expect(Math.abs(shown - value) / value, `${model} ${name}: page ${shown}, cli ${value}`).toBeLessThan(1e-6);
      }
      expect(await page.getByTestId(`convergence-${model}`).getAttribute("data-converged")).toBe(String(fit.converged));
    }
    expect(cli.holdout.actualPurchases).toBe(1882);
    expect(await page.getByTestId("holdout-actual").innerText()).toBe("1,882");
    expect(await page.getByTestId("holdout-summary").getAttribute("data-actual")).toBe("1882");
    const holdoutChart = page.locator('svg[aria-label^="Holdout purchases per customer"]');
    expect(await holdoutChart.getAttribute("aria-description")).toContain("actual 1882 repeat purchases");
    expect(await page.locator('[data-testid="model-notices"] [data-kind="p-alive-one"]').innerText()).toContain("1,411 customers");

    const { started, done, tasks } = await page.evaluate(() => ({
      started: Number(document.body.dataset.fitStarted),
      done: Number(document.body.dataset.fitDone),
      tasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
    }));
    expect(done).toBeGreaterThan(started);
    const during = tasks.filter((t) => t.start + t.duration > started && t.start < done);
    expect(during.filter((t) => t.duration > 200), JSON.stringify(during)).toEqual([]);

    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/models-page.png", fullPage: true });
    await page.context().close();
  });

  it("switching to MBG/NBD redraws the charts without refitting and is kept in the URL", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/models`);
    await page.getByTestId("model-comparison").waitFor({ timeout: 120_000 });
    await settle(page);
    const status = await page.getByTestId("fit-status").innerText();
    await page.getByRole("button", { name: "Show MBG/NBD instead" }).click();
    await page.locator('svg[aria-label$="actual vs MBG/NBD"]').first().waitFor({ timeout: 30_000 });
    await settle(page);
    expect(new URL(page.url()).searchParams.get("model")).toBe("mbgnbd");
    expect(await page.getByTestId("fit-status").innerText()).toBe(status); // same fit, not redone
    expect(await page.locator('[data-kind="p-alive-one"] button').count()).toBe(0);
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
