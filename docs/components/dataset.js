/**
 * The workbench's active dataset, shared by every page: which data the user chose (a demo, or their
 * own uploaded files with a column mapping) is remembered in IndexedDB (a File is stored by the browser
 * as a Blob: nothing leaves the machine), and `loadDataset` ingests it into the page's DuckDB-WASM
 * database through the library's ingest pipeline (src/data/ingest.ts), creating `tx_clean`,
 * `tx_rejected` (and `customers` / `prospects` tables when given).
 */
import {FileAttachment} from "observablehq:stdlib";
import {openWorkbenchDatabase, registerSource} from "./duckdb.js";
import {ingestTransactions} from "../lib/data/ingest.js";

/** The embedded demo datasets. */
export const DEMOS = {
  cdnow: {
    id: "cdnow",
    label: "CDNOW sample (real data, 2,357 customers, 1997-1998)",
    shortLabel: "CDNOW sample (demo)",
    description: "Real purchases at an online CD store by the 1/10 sample of customers who first bought in 1997-Q1; the data set of the BG/NBD and Pareto/NBD papers.",
    transactions: FileAttachment("../data/cdnow-sample.csv"),
    /** Conventions of the literature for this data set. */
    defaults: {calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30", unit: "week"}
  },
  northwind: {
    id: "northwind",
    label: "Northwind Supplies (generated demo company, 3,000 customers, 2023-2025)",
    shortLabel: "Northwind Supplies (demo company)",
    description: "A simulated B2B supplier with product categories, margins, channels, referrals, complaints, key accounts and 400 prospects (seeded generator, see data/demo/README.md).",
    transactions: FileAttachment("../data/demo-company-transactions.csv"),
    customers: FileAttachment("../data/demo-company-customers.csv"),
    prospects: FileAttachment("../data/demo-company-prospects.csv"),
    defaults: {calibrationEnd: "2025-06-30", holdoutEnd: "2025-12-31", unit: "week"}
  }
};

/** The selection used when the user has chosen nothing yet. */
export const DEFAULT_SELECTION = {kind: "demo", demo: "cdnow"};

const DB_NAME = "customer-value-workbench";
const STORE = "datasets";
const KEY = "active";

function openStore() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, action) {
  const db = await openStore();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/**
 * The remembered selection: `{kind: "demo", demo: "cdnow" | "northwind"}` or `{kind: "upload", label,
 * files: {transactions: File, customers?: File, prospects?: File}, mapping?}`. Falls back to the default
 * demo when nothing (or nothing readable) is stored.
 */
export async function readSelection() {
  try {
    const stored = await withStore("readonly", (store) => store.get(KEY));
    if (stored?.kind === "demo" && DEMOS[stored.demo]) return stored;
    if (stored?.kind === "upload" && stored.files?.transactions instanceof Blob) return stored;
  } catch (error) {
    console.warn(`workbench: could not read the remembered dataset (${error.message}); using the demo`);
  }
  return DEFAULT_SELECTION;
}

/** Remember `selection` for every page (see {@link readSelection}). */
export async function saveSelection(selection) {
  await withStore("readwrite", (store) => store.put(selection, KEY));
}

/** Forget the remembered selection (back to the default demo). */
export async function clearSelection() {
  await withStore("readwrite", (store) => store.delete(KEY));
}

/** A short name for a selection, for headings and captions. */
export function selectionLabel(selection) {
  return selection.kind === "demo" ? DEMOS[selection.demo].shortLabel : selection.label ?? selection.files.transactions.name;
}

const SAMPLE_BYTES = 65_536;

function extensionOf(name) {
  const match = /\.(csv|tsv|txt|parquet|json|jsonl|ndjson)$/i.exec(name ?? "");
  return match ? match[1].toLowerCase() : "csv";
}

/** Register one input (a FileAttachment of a demo, or a File) and return what ingest needs to read it. */
async function registerInput(db, table, input) {
  const isFile = input instanceof Blob;
  const name = isFile ? input.name : input.name;
  const fileName = `${table}.${extensionOf(name)}`;
  let sampleText;
  let size;
  if (isFile) {
    size = input.size;
    sampleText = await input.slice(0, SAMPLE_BYTES).text();
    await registerSource(db, fileName, input);
  } else {
    const url = await input.url();
    const response = await fetch(url, {headers: {Range: `bytes=0-${SAMPLE_BYTES - 1}`}});
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const total = /\/(\d+)$/.exec(response.headers.get("content-range") ?? "");
    size = total ? Number(total[1]) : bytes.length;
    sampleText = new TextDecoder().decode(bytes.subarray(0, SAMPLE_BYTES));
    await registerSource(db, fileName, url);
  }
  return {fileName, displayName: name, sampleText, truncated: size > SAMPLE_BYTES, size};
}

/**
 * Load `selection` into the page's DuckDB: ingest the transactions (→ `tx_clean`, `tx_rejected`) and,
 * when present, the customers and prospects tables (→ `customers_raw`, `prospects_raw`, all columns as
 * text, for the pages' own mapping). Returns `{db, runner, selection, label, demo, ingest, tables}`.
 * `onProgress(message)` is told each step.
 */
export async function loadDataset(selection, {onProgress = () => {}} = {}) {
  const {db, runner} = await openWorkbenchDatabase();
  const demo = selection.kind === "demo" ? DEMOS[selection.demo] : undefined;
  const inputs = demo ? {transactions: demo.transactions, customers: demo.customers, prospects: demo.prospects} : selection.files;
  onProgress("reading the transactions file");
  const source = await registerInput(db, "transactions", inputs.transactions);
  onProgress("validating rows in DuckDB");
  const ingest = await ingestTransactions(runner, source, {mapping: selection.mapping});
  const tables = {transactions: true, customers: false, prospects: false};
  for (const table of ["customers", "prospects"]) {
    if (!inputs[table]) continue;
    onProgress(`reading the ${table} file`);
    const extra = await registerInput(db, table, inputs[table]);
    await runner.exec(`CREATE OR REPLACE TABLE ${table}_raw AS SELECT * FROM read_csv('${extra.fileName}', header = true, all_varchar = true)`);
    tables[table] = true;
  }
  return {db, runner, selection, label: selectionLabel(selection), demo, ingest, tables};
}
