#!/usr/bin/env node
/**
 * Fill Observable Framework's npm cache (docs/.observablehq/cache/_npm) from node_modules, so that
 * `observable build` and `observable preview` never download from a CDN or ask the npm registry.
 *
 * How Framework resolves `npm:<name>`: it uses the highest `<root>/.observablehq/cache/_npm/<name>@<v>/`
 * folder present, and the file `_esm.js` (or a subpath) in it; it downloads only what is missing.
 * So each package below is bundled with esbuild into one browser ESM file, with imports of the other
 * vendored packages rewritten to relative paths (so d3 and apache-arrow exist once), and the DuckDB
 * wasm/worker files are copied. Libraries Framework's client only references lazily get an empty pinned
 * folder so that no "latest version" lookup happens. Installed versions must equal the pins: a mismatch
 * fails with a message saying what to do.
 */
import { build } from "esbuild";
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "docs", ".observablehq", "cache", "_npm");

/** Packages bundled into the cache, with the exact version Framework 1.13.4 is used with here. */
export const VENDORED = {
  "@observablehq/plot": "0.6.17",
  d3: "7.9.2",
  "d3-dsv": "3.0.2",
  htl: "0.3.1",
  isoformat: "0.2.1",
  "apache-arrow": "17.0.0",
  arquero: "8.0.3",
  "@duckdb/duckdb-wasm": "1.29.0", // pinned inside Framework 1.13.4 (DUCKDB_WASM_VERSION)
  katex: "0.19.1", // for Framework's `tex` (Learn pages); CSS and fonts copied below
};

/** Packages whose default export is imported (`import katex from "npm:katex"`). */
const DEFAULT_EXPORTS = new Set(["katex"]);

/** KaTeX's font files, referenced by its CSS. */
const KATEX_FONTS = (await readdir(join(root, "node_modules", "katex", "dist", "fonts"))).map((file) => `dist/fonts/${file}`);

/** Files copied verbatim from a package's folder. */
const COPIED = {
  katex: ["dist/katex.min.css", ...KATEX_FONTS],
  "@duckdb/duckdb-wasm": [
    "dist/duckdb-mvp.wasm",
    "dist/duckdb-eh.wasm",
    "dist/duckdb-browser-mvp.worker.js",
    "dist/duckdb-browser-eh.worker.js",
  ],
};

/** Libraries Framework's client references lazily; an empty pinned folder stops registry look-ups. */
const LAZY = {
  lodash: "4.17.21",
  echarts: "5.6.0",
  leaflet: "1.9.4",
  "mapbox-gl": "3.9.4",
  react: "18.3.1",
  "react-dom": "18.3.1",
  "topojson-client": "3.1.0",
  "parquet-wasm": "0.6.1",
  jszip: "3.10.1",
  exceljs: "4.4.0",
  "sql.js": "1.12.0",
  mermaid: "11.4.1",
  "@viz-js/viz": "3.11.0",
  vega: "5.30.0",
  "vega-lite": "5.23.0",
  "vega-lite-api": "5.6.0",
  "@uwdata/vgplot": "0.12.0",
  "@observablehq/sample-datasets": "1.0.1",
};

function fail(message) {
  console.error(`vendor: ${message}`);
  process.exit(1);
}

async function installedVersion(name) {
  try {
    const pkg = JSON.parse(await readFile(join(root, "node_modules", name, "package.json"), "utf-8"));
    return pkg.version;
  } catch {
    return undefined;
  }
}

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const started = performance.now();
  for (const [name, version] of Object.entries(VENDORED)) {
    const installed = await installedVersion(name);
    if (installed !== version) {
      fail(`${name} ${installed ?? "is not installed"}${installed ? " is installed" : ""}, but ${version} is pinned for Framework 1.13.4; run \`npm ci\` (or update VENDORED in scripts/vendor.mjs and package.json together)`);
    }
  }
  const stamp = join(cache, ".vendored.json");
  const wanted = JSON.stringify({ VENDORED, COPIED, LAZY, script: await readFile(fileURLToPath(import.meta.url), "utf-8") });
  if ((await exists(stamp)) && (await readFile(stamp, "utf-8")) === wanted) {
    console.log("vendor: npm cache up to date");
    return;
  }
  await rm(cache, { recursive: true, force: true });
  for (const [name, version] of Object.entries(VENDORED)) {
    const folder = join(cache, `${name}@${version}`);
    const outfile = join(folder, "_esm.js");
    await mkdir(folder, { recursive: true });
    await build({
      stdin: {
        contents: `export * from ${JSON.stringify(name)};${DEFAULT_EXPORTS.has(name) ? `export { default } from ${JSON.stringify(name)};` : ""}`,
        resolveDir: root,
        loader: "js",
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile,
      minify: true,
      legalComments: "eof",
      logLevel: "error",
      plugins: [
        {
          name: "vendored-externals",
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.importer === "<stdin>") return undefined;
              const dep = Object.keys(VENDORED).find((other) => other !== name && (args.path === other || args.path.startsWith(`${other}/`)));
              if (!dep || args.path !== dep) return undefined;
              const target = join(cache, `${dep}@${VENDORED[dep]}`, "_esm.js");
              let path = relative(folder, target);
              if (!path.startsWith(".")) path = `./${path}`;
              return { path, external: true };
            });
          },
        },
      ],
    });
    for (const file of COPIED[name] ?? []) {
      const target = join(folder, file);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(root, "node_modules", name, file), target);
    }
  }
  for (const [name, version] of Object.entries(LAZY)) {
    await mkdir(join(cache, `${name}@${version}`), { recursive: true });
  }
  await writeFile(stamp, wanted);
  console.log(`vendor: ${Object.keys(VENDORED).length} packages bundled, ${Object.keys(LAZY).length} lazy pins, in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}


await main();
