/**
 * Write the demo company "Northwind Supplies" to `data/demo/{transactions,customers,prospects}.csv`
 * with the generator's defaults (seed 20251231, 3,000 customers, 400 prospects, 2023-01-01 ..
 * 2025-12-31). Deterministic: re-running it rewrites the same bytes.
 *
 *   npx tsx scripts/generate-demo.ts [outDir]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { demoCompanyCsv, generateDemoCompany } from "../src/demo/index.js";

const outDir = process.argv[2] ?? "data/demo";
mkdirSync(outDir, { recursive: true });
const company = generateDemoCompany();
const csv = demoCompanyCsv(company);
for (const [name, text] of Object.entries(csv)) {
  const path = join(outDir, `${name}.csv`);
  writeFileSync(path, text);
  process.stdout.write(`${path}: ${text.split("\n").length - 2} rows, ${(text.length / 1024).toFixed(0)} KiB\n`);
}
