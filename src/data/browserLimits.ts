/**
 * What the Data page may ingest inside a browser tab. DuckDB-WASM keeps the staged and typed tables in
 * the tab's memory (wasm32: at most 4 GB, in practice less), about 2-3x the CSV size at peak, so larger
 * files get a clear message that points to the CLI, which reads them through native DuckDB.
 */

/** Largest file the Data page ingests, in bytes (500 MB). */
export const BROWSER_MAX_FILE_BYTES = 500 * 1024 * 1024;

/** Bytes of a file read for sniffing (the page reads `file.slice(0, SNIFF_SAMPLE_BYTES)`). */
export const SNIFF_SAMPLE_BYTES = 65_536;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * A plain-language message when `sizeBytes` is too large for a browser tab, else `undefined`.
 * @param fileName shown in the message (escape it when rendering as HTML)
 */
export function tooLargeForBrowser(fileName: string, sizeBytes: number, limitBytes = BROWSER_MAX_FILE_BYTES): string | undefined {
  if (!(sizeBytes >= 0)) throw new Error(`invalid sizeBytes: ${sizeBytes}`);
  if (sizeBytes <= limitBytes) return undefined;
  return `${fileName} is ${formatBytes(sizeBytes)}, more than a browser tab can validate (limit ${formatBytes(limitBytes)}). Run it from the command line instead: cvw validate ${JSON.stringify(fileName)} --rejected rejected.csv`;
}
