// Data loader: bundles the model-fitting Web Worker (docs/workers/model.worker.ts + the library in src/)
// into one ES module at build time with esbuild, so the library has one copy and the build stays offline.
// Framework re-runs a loader only when the loader file is newer than its cached output, not when the
// sources it bundles change, so `npm run build` first removes cached outputs older than src/ and
// docs/workers/ (scripts/clear-stale-loaders.mjs; else the site keeps an old copy of the library).
import { build } from "esbuild";

const entry = new URL("../workers/model.worker.ts", import.meta.url).pathname;
const result = await build({ entryPoints: [entry], bundle: true, write: false, format: "esm", platform: "browser", target: "es2022", minify: true, legalComments: "none" });
const text = result.outputFiles[0]?.text ?? "";
if (text.length < 100) throw new Error(`model worker bundle is empty (${entry})`);
process.stdout.write(text);
