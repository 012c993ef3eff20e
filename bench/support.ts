/**
 * Shared pieces of the benchmarks: the result type every `bench/<area>.ts` returns, and a built site
 * served on 127.0.0.1 for the in-browser benchmarks (built once per run).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { build } from "esbuild";
import { launchBrowser, openPage } from "../test/support/browser.js";
// @ts-expect-error plain JS module without types
import { startServer } from "../scripts/serve.mjs";

/** One measured figure. `ratio.value` = our seconds ÷ the reference's seconds (below 1 = faster). */
export interface BenchResult {
  name: string;
  seconds: number;
  ratio?: { to: string; value: number };
  peakRssMB?: number;
  note?: string;
}

/** Median wall time of `runs` calls of `fn` after one warm-up call, in seconds. */
export function medianSeconds(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

let site: Promise<{ url: string; server: Server }> | undefined;

/**
 * The built site served on a free loopback port: builds into `$CVW_DIST` (default `/tmp/cvw-bench-dist`)
 * unless `CVW_SKIP_BUILD=1` and it exists. Close with {@link closeSite}.
 */
export function servedSite(): Promise<{ url: string; server: Server }> {
  return (site ??= (async () => {
    const dist = process.env.CVW_DIST ?? "/tmp/cvw-bench-dist";
    if (!(process.env.CVW_SKIP_BUILD === "1" && existsSync(`${dist}/index.html`))) {
      execFileSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CVW_DIST: dist } });
    }
    return (await startServer(dist, 0)) as { url: string; server: Server };
  })());
}

/** Stop the server started by {@link servedSite}, if any. */
export async function closeSite(): Promise<void> {
  if (!site) return;
  const { server } = await site;
  site = undefined;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Run `exportName()` of the module `entry` (a path from the repository root, e.g.
 * "./bench/browser-value/entry.ts") in headless Chromium on an empty page: the module is bundled with
 * esbuild into one script, so no server and no network are involved. Fails on any console error, page
 * error or off-origin request. Returns the function's (JSON-serialisable) result and Chromium's version.
 */
export async function runInBrowser<T>(entry: string, exportName: string): Promise<{ result: T; version: string }> {
  const out = await build({
    stdin: { contents: `import { ${exportName} } from ${JSON.stringify(entry)}; globalThis.cvwBenchEntry = ${exportName};`, resolveDir: process.cwd(), loader: "ts", sourcefile: "bench-entry.ts" },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const browser = await launchBrowser();
  try {
    const version = browser.version();
    const { page, problems } = await openPage(browser);
    await page.setContent("<!doctype html><title>bench</title>");
    await page.addScriptTag({ content: out.outputFiles[0].text });
    const result = (await page.evaluate(() => (globalThis as unknown as { cvwBenchEntry: () => unknown }).cvwBenchEntry())) as T;
    const bad = [...problems.consoleErrors, ...problems.pageErrors, ...problems.offOriginRequests];
    if (bad.length) throw new Error(`browser problems: ${bad.join("; ")}`);
    return { result, version };
  } finally {
    await browser.close();
  }
}
