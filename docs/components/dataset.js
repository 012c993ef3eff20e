/**
 * The workbench's active dataset, shared by every page: which data the user chose (a demo, or their
 * own uploaded files with a column mapping) is remembered in IndexedDB (a File is stored by the browser
 * as a Blob: nothing leaves the machine), and `loadDataset` ingests it into the page's DuckDB-WASM
 * database through the library's ingest pipeline (src/data/ingest.ts), creating `tx_clean`,
 * `tx_rejected` (and `customers_raw` / `prospects_raw` tables when given). Uploaded files are registered
 * with DuckDB-WASM by handle (read lazily, never copied whole); files larger than a tab can validate are
 * refused with a message pointing to the CLI (`tooLargeForBrowser`).
 */
import {FileAttachment} from "observablehq:stdlib";
import {openWorkbenchDatabase, registerSource} from "./duckdb.js";
import {IngestError, ingestTransactions} from "../lib/data/ingest.js";
import {ingestTable} from "../lib/data/tableIngest.js";
import {SNIFF_SAMPLE_BYTES, tooLargeForBrowser} from "../lib/data/browserLimits.js";
import {sniffCsv} from "../lib/data/sniff.js";
import {formatFromFileName} from "../lib/data/stagingSql.js";
import {jsonRecordsToCsv} from "../lib/data/jsonRecords.js";

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
 * files: {transactions: File, customers?: File, prospects?: File}, mapping?, mappings?: {customers?, prospects?}}`
 * (`mapping` is the transactions mapping, see src/data/mapping.ts). Falls back to the default
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

const MS_PER_DAY = 86_400_000;

/** Today as an epoch day (UTC): rows dated later are rejected as `future_date`. */
export function todayEpochDay() {
  return Math.floor(Date.now() / MS_PER_DAY);
}

/**
 * A problem loading the dataset that the user can fix, shown as a friendly block: `message` names the
 * file (and row, column, value where there is one); `file` is the file's name; `cli` is set when the
 * file is too large for a browser tab and the command line is the way.
 */
export class DatasetError extends Error {
  constructor(message, {file, cli = false, table = "transactions"} = {}) {
    super(message);
    this.name = "DatasetError";
    this.file = file;
    this.cli = cli;
    this.table = table;
  }
}

/** Largest upload accepted (bytes); a test hook in localStorage (`cvw-max-file-bytes`) may lower it. */
function maxFileBytes() {
  try {
    const value = Number(localStorage.getItem("cvw-max-file-bytes"));
    return value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * JSON and Parquet are converted to CSV text in the tab (DuckDB-WASM offline has neither reader), which
 * holds the file, its rows and the text in memory at once: they get a lower limit than text files.
 */
const CONVERTED_MAX_BYTES = 100 * 1024 * 1024;

/** Let the page repaint between Parquet row groups. */
const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

let registered = [];
let registrations = 0;

/** Register one input (a FileAttachment of a demo, or a File) and return what ingest needs to read it. */
async function registerInput(db, table, input, onProgress = () => {}) {
  const isFile = input instanceof Blob;
  const name = input.name;
  const format = formatFromFileName(name ?? "");
  const extension = format === "csv" ? "csv" : format;
  let fileName = `${table}-${++registrations}.${extension}`;
  let sampleText;
  let size;
  if (format === "parquet" && !isFile) {
    throw new DatasetError(`${name}: Parquet is read in the browser from uploaded files only`, {file: name, table});
  }
  if (isFile) {
    size = input.size;
    const converted = format === "json" || format === "parquet";
    const tooLarge = tooLargeForBrowser(name, size, converted ? Math.min(maxFileBytes() ?? CONVERTED_MAX_BYTES, CONVERTED_MAX_BYTES) : maxFileBytes());
    if (tooLarge) throw new DatasetError(tooLarge, {file: name, cli: true, table});
    if (converted) {
      // Neither reader exists offline in DuckDB-WASM: the records become CSV text in memory, read by the
      // same CSV ingest. The Parquet reader (~200 kB) is loaded only when a Parquet file is chosen.
      let csv;
      try {
        csv = format === "json"
          ? jsonRecordsToCsv(await input.text(), name).csv
          : (await (await import("../lib/data/parquetCsv.js")).parquetToCsv(await input.arrayBuffer(), name, {yieldToEventLoop, onProgress: (done, total) => onProgress(`reading Parquet rows: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`)})).csv;
      } catch (error) {
        throw new DatasetError(error.message, {file: name, table});
      }
      fileName = `${table}-${registrations}.csv`;
      await db.registerFileText(fileName, csv);
      registered.push(fileName);
      const head = csv.slice(0, SNIFF_SAMPLE_BYTES);
      const bytes = new TextEncoder().encode(head);
      return {fileName, displayName: name, format: "csv", sampleText: new TextDecoder().decode(bytes.subarray(0, SNIFF_SAMPLE_BYTES)), truncated: csv.length > head.length || bytes.length > SNIFF_SAMPLE_BYTES, size};
    }
    sampleText = await input.slice(0, SNIFF_SAMPLE_BYTES).text();
    await registerSource(db, fileName, input);
  } else {
    const url = await input.url();
    const response = await fetch(url, {headers: {Range: `bytes=0-${SNIFF_SAMPLE_BYTES - 1}`}});
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const total = /\/(\d+)$/.exec(response.headers.get("content-range") ?? "");
    size = total ? Number(total[1]) : bytes.length;
    sampleText = new TextDecoder().decode(bytes.subarray(0, SNIFF_SAMPLE_BYTES));
    await registerSource(db, fileName, url);
  }
  registered.push(fileName);
  const truncated = size > SNIFF_SAMPLE_BYTES;
  if (format === "csv" && !truncated) {
    // A header with no record under it: say so (the library would only say it found no dates).
    const sniff = sniffCsv(sampleText);
    if (!sniff.empty && !sniff.binary && sniff.header && sniff.rows.length === 0) {
      throw new DatasetError(`${name}: the file has a header (${sniff.columns.join(", ")}) but no data rows`, {file: name, table});
    }
  }
  return {fileName, displayName: name, format, sampleText, truncated, size};
}

/** Forget the files registered by earlier loads (their tables are already materialized). */
async function dropRegistered(db) {
  const old = registered;
  registered = [];
  for (const name of old) {
    try {
      await db.dropFile(name);
    } catch {
      // already gone
    }
  }
}

/** The all-text `<table>_raw` table the pages map themselves (customers, prospects). */
async function createRawTable(runner, table, source) {
  const target = `${table}_raw`;
  const file = source.fileName.replace(/'/g, "''");
  const read = source.format === "parquet" ? `read_parquet('${file}')` : source.format === "json" ? `read_json_auto('${file}')` : `read_csv('${file}', header = true, all_varchar = true)`;
  if (source.format === "csv") return runner.exec(`CREATE OR REPLACE TABLE ${target} AS SELECT * FROM ${read}`);
  const described = await runner.query(`DESCRIBE SELECT * FROM ${read}`);
  const columns = described.map(({column_name}) => `CAST("${column_name.replace(/"/g, '""')}" AS VARCHAR) AS "${column_name.replace(/"/g, '""')}"`);
  return runner.exec(`CREATE OR REPLACE TABLE ${target} AS SELECT ${columns.join(", ")} FROM ${read}`);
}

/** As an Error the page can show: IngestError and DatasetError keep their message, others get the file name. */
function asDatasetError(error, name, table) {
  if (error instanceof DatasetError) return error;
  if (error instanceof IngestError) return new DatasetError(error.message, {file: name, table});
  return new DatasetError(`${name}: ${String(error?.message ?? error).split("\n")[0]}`, {file: name, table});
}

let loading = Promise.resolve();

/**
 * Load `selection` into the page's DuckDB: ingest the transactions (→ `tx_clean`, `tx_rejected`) and,
 * when present, the customers and prospects tables (→ `customers_raw`, `prospects_raw`, all columns as
 * text, for the pages' own mapping). Returns `{db, runner, selection, label, demo, ingest, tables,
 * sources, tableIngests}`. Loads run one at a time (a second call waits for the first).
 * @param options.onProgress told each step, as a phrase (`"validating rows in DuckDB"`)
 * @param options.checkTables also validate the customers / prospects tables with the library's
 *   `ingestTable` (→ `customers`, `prospects`, `tableIngests[table]` = its result or `{error}`)
 * @throws DatasetError for a file that cannot be used (empty, binary, too large, unmappable)
 */
export function loadDataset(selection, options = {}) {
  const result = loading.then(() => loadNow(selection, options));
  loading = result.catch(() => {});
  return result;
}

async function loadNow(selection, {onProgress = () => {}, checkTables = false} = {}) {
  const {db, runner} = await openWorkbenchDatabase();
  await dropRegistered(db);
  const demo = selection.kind === "demo" ? DEMOS[selection.demo] : undefined;
  const inputs = demo ? {transactions: demo.transactions, customers: demo.customers, prospects: demo.prospects} : selection.files;
  const mappings = selection.mappings ?? {};
  const name = inputs.transactions.name;
  onProgress("reading the transactions file");
  let source;
  let ingest;
  try {
    source = await registerInput(db, "transactions", inputs.transactions, onProgress);
    onProgress(`validating ${source.size > 1e6 ? `${(source.size / 1e6).toFixed(0)} MB of ` : ""}rows in DuckDB`);
    ingest = await ingestTransactions(runner, source, {mapping: selection.mapping, todayEpochDay: todayEpochDay()});
  } catch (error) {
    throw asDatasetError(error, name, "transactions");
  }
  const tables = {transactions: true, customers: false, prospects: false};
  const sources = {transactions: source};
  const tableIngests = {};
  for (const table of ["customers", "prospects"]) {
    if (!inputs[table]) continue;
    const tableName = inputs[table].name;
    onProgress(`reading the ${table} file`);
    try {
      const extra = await registerInput(db, table, inputs[table], onProgress);
      sources[table] = extra;
      if (checkTables) {
        try {
          tableIngests[table] = await ingestTable(runner, extra, {table, mapping: mappings[table]});
        } catch (error) {
          tableIngests[table] = {error: asDatasetError(error, tableName, table)};
        }
      }
      await createRawTable(runner, table, extra);
      tables[table] = true;
    } catch (error) {
      throw asDatasetError(error, tableName, table);
    }
  }
  return {db, runner, selection, label: selectionLabel(selection), demo, ingest, tables, sources, tableIngests};
}
