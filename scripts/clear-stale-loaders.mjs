#!/usr/bin/env node
/**
 * Delete cached data-loader outputs (docs/.observablehq/cache/data/) older than the library.
 * Framework re-runs a loader only when the loader file is newer than its cached output, not when the
 * sources it imports change, so after an edit to src/ (or docs/workers/) the site would keep, e.g., a
 * report or a worker bundle built by the old library. An output older than the newest file under src/,
 * docs/workers/ or data/ is removed, so the next `observable build` runs its loader again.
 * Runs before every `npm run build`.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cache = join(root, "docs", ".observablehq", "cache", "data");

/** Newest modification time (ms) of the files under `dir` (0 when it does not exist). */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

const sources = Math.max(...["src", "docs/workers", "data"].map((dir) => newestMtime(join(root, dir))));
let cleared = 0;
let files = [];
try {
  files = readdirSync(cache, { withFileTypes: true });
} catch {
  // no cache yet
}
for (const entry of files) {
  if (!entry.isFile()) continue;
  const path = join(cache, entry.name);
  if (statSync(path).mtimeMs < sources) {
    rmSync(path, { force: true });
    cleared++;
  }
}
console.log(`clear-stale-loaders: ${cleared} of ${files.length} cached loader outputs older than src/, docs/workers/ or data/ removed`);
