/**
 * Every page of the built site, opened in headless Chromium: renders with no console error, no
 * Observable error cell, and no request leaving 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import config from "../../observablehq.config.js";
import { launchBrowser, observableErrors, openPage, settle } from "../support/browser.js";

type PageEntry = { name: string; path: string } | { name: string; pages: PageEntry[] };

function pagePaths(entries: PageEntry[]): string[] {
  return entries.flatMap((entry) => ("pages" in entry ? pagePaths(entry.pages) : [entry.path]));
}

const paths = ["/", ...pagePaths(config.pages as PageEntry[])];

describe("every page renders cleanly", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(paths)("%s", async (path) => {
    const { page, problems } = await openPage(browser);
    const response = await page.goto(`${inject("baseUrl")}${path}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await settle(page);
    expect(await page.locator("h1").first().innerText()).not.toBe("");
    expect(await observableErrors(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOriginRequests: [], failedRequests: [] });
    await page.context().close();
  });
});
