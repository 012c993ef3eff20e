#!/usr/bin/env node
// Entry point of the `cvw` CLI. Runs the bundle made by scripts/build-cli.mjs (plain JS, fast start)
// when it is newer than every file of src/; otherwise the TypeScript sources through tsx (no build step).
import { readdirSync, statSync } from "node:fs";

const bundle = new URL("../build/cli/cvw.mjs", import.meta.url);
const src = new URL("../src/", import.meta.url);

/** Newest modification time (ms) of the files under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return newest;
}

let bundleMtime = 0;
try {
  bundleMtime = statSync(bundle).mtimeMs;
} catch {
  // no bundle: use the sources
}
let main;
const useBundle = process.env.CVW_CLI_SOURCES !== "1" && bundleMtime > newestMtime(src);
// CVW_CLI_TRACE=1: say on stderr which code runs (the tests check the bundle is really used).
if (process.env.CVW_CLI_TRACE === "1") process.stderr.write(`cvw: running ${useBundle ? "build/cli/cvw.mjs" : "src/ through tsx"}\n`);
if (useBundle) {
  ({ main } = await import(bundle.href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
