/**
 * The Data page's data-quality report of an ingest (src/data/qualityReport.ts): rows read = used +
 * rejected as an equation, rejections by reason with the first example (row, column, value), returns,
 * duplicates kept, warnings (a DD/MM vs MM/DD ambiguity in words, with both readings), and the rejected
 * rows as a CSV download. All file text is interpolated through htl (escaped), never as HTML.
 */
import {html} from "npm:htl";
import {REJECT_REASONS, REJECT_REASON_LABELS} from "../lib/data/reasons.js";
import {rejectedRowsSql} from "../lib/data/qualityReport.js";
import {rowsToCsv} from "../lib/data/csvWrite.js";
import {DATE_FORMATS, isoFromEpochDay, parseDate} from "../lib/data/dateFormat.js";
import {TABLE_REJECT_REASON_LABELS} from "../lib/data/tableIngest.js";
import {download} from "./exports.js";

const count = (n) => Number(n).toLocaleString("en-US");
const money = (n) => Number(n).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
const longDate = (epochDay) => new Date(epochDay * 86_400_000).toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});

/** Save `text` as a file named `filename` (made in the browser; nothing is sent). */
export function saveText(text, filename, type = "text/csv") {
  download(new Blob([text], {type}), filename);
}

/** `epochDay` written in the strptime date `format` (e.g. `%d/%m/%Y` → `03/04/2024`). */
export function writeDate(epochDay, format) {
  const [y, m, d] = isoFromEpochDay(epochDay).split("-");
  return format.replace("%Y", y).replace("%y", y.slice(2)).replace("%m", m).replace("%d", d);
}

/**
 * The DD/MM vs MM/DD ambiguity in words, from one used date whose day and month differ:
 * `"03/04/2024" is read as 3 April 2024 (DD/MM/YYYY); as MM/DD/YYYY it would be 4 March 2024.`
 */
export async function ambiguityText(runner, ingest) {
  const {dateFormat, mapping} = ingest;
  if (!dateFormat.ambiguous) return undefined;
  const other = dateFormat.candidates.find((f) => f !== dateFormat.format);
  const label = (f) => DATE_FORMATS.find((d) => d.format === f)?.label ?? f;
  const [row] = await runner.query(`SELECT epoch_day FROM tx_clean WHERE day(purchase_date) <> month(purchase_date) ORDER BY row_number LIMIT 1`);
  const column = mapping.columns.date;
  if (!row || !other) return `The dates in column “${column}” fit both ${dateFormat.candidates.map(label).join(" and ")}; they were read as ${label(dateFormat.format)}.`;
  const text = writeDate(row.epoch_day, dateFormat.format);
  const otherDay = parseDate(text, other);
  return `Every date in column “${column}” has day and month of 12 or less, so it is not certain which comes first. “${text}” was read as ${longDate(row.epoch_day)} (${label(dateFormat.format)}); read as ${label(other)} it would be ${otherDay === undefined ? "a different day" : longDate(otherDay)}. If that is wrong, choose the date format in the column mapping below and apply it.`;
}

/** The cells "first at", "column", "value" of a rejection row (text set with textContent: file text is never HTML). */
function exampleCells(example) {
  const cell = (text, code = false) => {
    const td = document.createElement("td");
    const target = code ? td.appendChild(document.createElement("code")) : td;
    if (code) target.className = "cvw-value";
    target.textContent = text;
    return td;
  };
  if (!example) return [cell(""), cell(""), cell("")];
  const where = example.rowNumber !== null && example.rowNumber !== undefined ? `row ${count(example.rowNumber)}` : `line ${count(example.line)}`;
  return [cell(where), cell(example.column ?? "(whole row)"), cell(example.value ?? "", true)];
}

/** A button that downloads the rejected rows (row number, reason, the raw fields) as CSV. */
export function rejectedRowsButton(runner, ingest, filename = "rejected-rows") {
  const button = html`<button type="button" class="cvw-export" data-testid="download-rejected">Download the ${count(ingest.report.rowsRejected)} rejected rows (CSV)</button>`;
  button.onclick = async () => {
    button.disabled = true;
    try {
      const rows = await runner.query(rejectedRowsSql(ingest.rejectedColumns));
      const columns = ["row_number", "line", "reason", "reason_label", "column_name", "value", ...ingest.rejectedColumns, "raw_line"];
      saveText(rowsToCsv(columns, rows), `${filename}.csv`);
    } finally {
      button.disabled = false;
    }
  };
  return button;
}

/**
 * The report of a transactions ingest, with the summary element the browser tests read
 * (`data-testid="ingest-summary"`, `data-rows-read|used|rejected`, `data-customers`, `data-source`).
 * @param dataset the result of `loadDataset` (uses `runner`, `ingest`, `label`)
 */
export async function qualityReportView(dataset) {
  const {runner, ingest, label} = dataset;
  const r = ingest.report;
  const ambiguity = await ambiguityText(runner, ingest);
  const reasons = REJECT_REASONS.filter((reason) => r.rejectedByReason[reason]);
  // The date ambiguity is explained in words above, and returns are listed below: not repeated here.
  const warnings = r.warnings.filter((w) => !(ambiguity && w.startsWith("dates in ")) && !/ have a negative amount /.test(w));
  const range = r.dateRange ? `${r.dateRange.first} – ${r.dateRange.last}` : "no dates";
  return html`<div class="cvw-quality">
  <div data-testid="ingest-summary" data-rows-read=${r.rowsRead} data-rows-used=${r.rowsUsed} data-rows-rejected=${r.rowsRejected} data-customers=${r.customers} data-source=${label}>
    <p class="cvw-equation" data-testid="reconciliation"><strong>${count(r.rowsRead)}</strong> rows read = <strong>${count(r.rowsUsed)}</strong> used + <strong>${count(r.rowsRejected)}</strong> rejected</p>
    <div class="grid grid-cols-4">
      <div class="card"><h2>Rows read</h2><span class="big" data-testid="stat-rows">${count(r.rowsRead)}</span></div>
      <div class="card"><h2>Customers</h2><span class="big" data-testid="stat-customers">${count(r.customers)}</span></div>
      <div class="card"><h2>Date range</h2><span class="big" data-testid="stat-dates">${range}</span></div>
      <div class="card"><h2>Total amount</h2><span class="big" data-testid="stat-total">${money(r.totalAmount)}</span></div>
    </div>
  </div>
  ${ambiguity ? html`<p class="cvw-warning" data-testid="date-ambiguity" role="note">${ambiguity}</p>` : ""}
  ${reasons.length
    ? html`<div class="cvw-table-wrap"><table class="cvw-report-table" data-testid="rejections">
      <caption>Rejected rows by reason, with the first example of each</caption>
      <thead><tr><th scope="col">Reason</th><th scope="col" class="num">Rows</th><th scope="col">First at</th><th scope="col">Column</th><th scope="col">Value</th></tr></thead>
      <tbody>${reasons.map((reason) => html`<tr data-reason=${reason}><th scope="row">${REJECT_REASON_LABELS[reason]}</th><td class="num">${count(r.rejectedByReason[reason])}</td>${exampleCells(r.examples[reason])}</tr>`)}</tbody>
    </table></div>
    <p>${rejectedRowsButton(runner, ingest)} <span class="muted">Each rejected row with its row number (data rows, header excluded), the reason, and the fields as they were in the file.</span></p>`
    : html`<p class="cvw-ok">Every row was used: no row was rejected.</p>`}
  <ul class="cvw-facts">
    <li>Returns and credits (negative amounts, kept): <strong data-testid="stat-returns">${count(r.returns.rows)}</strong> ${r.returns.rows === 1 ? "row" : "rows"}${r.returns.rows ? `, totalling ${money(r.returns.amount)}` : ""}.</li>
    <li>Exact duplicate rows kept as separate purchases: <strong data-testid="stat-duplicates">${count(r.duplicatesKept)}</strong>.</li>
    <li>Dates read as ${DATE_FORMATS.find((d) => d.format === ingest.mapping.dateFormat)?.label ?? ingest.mapping.dateFormat}, amounts with “${ingest.mapping.decimal ?? "."}” as the decimal separator${ingest.mapping.thousands ? ` and “${ingest.mapping.thousands}” between thousands` : ""}${ingest.sniff ? `; fields separated by ${ingest.sniff.delimiter === "\t" ? "tabs" : `“${ingest.sniff.delimiter}”`}${ingest.sniff.bom ? ", with a byte-order mark" : ""}` : `; read as ${ingest.format}`}.</li>
  </ul>
  ${warnings.length ? html`<div class="cvw-warning" data-testid="ingest-warnings"><strong>Worth knowing</strong><ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ""}
</div>`;
}

/** Report of an optional customers / prospects table (`tableIngests[table]` from `loadDataset`). */
export function tableReportView(table, result, fileName) {
  if (result?.error) return html`<div class="cvw-error" role="alert" data-testid=${`table-error-${table}`}><strong>The ${table} file could not be checked.</strong> <span>${result.error.message}</span></div>`;
  const r = result.report;
  const reasons = Object.entries(r.rejectedByReason);
  return html`<div class="card" data-testid=${`table-summary-${table}`} data-rows-read=${r.rowsRead} data-rows-used=${r.rowsUsed} data-rows-rejected=${r.rowsRejected}>
    <h2>${table[0].toUpperCase() + table.slice(1)}: <span class="muted">${fileName}</span></h2>
    <p class="cvw-equation">${count(r.rowsRead)} rows read = ${count(r.rowsUsed)} used + ${count(r.rowsRejected)} rejected${reasons.length ? ` (${reasons.map(([reason, n]) => `${count(n)} ${TABLE_REJECT_REASON_LABELS[reason]}`).join("; ")})` : ""}</p>
    <p class="muted">Columns used: ${Object.entries(result.mapping.columns).map(([field, column], i) => html`${i ? ", " : ""}${field} = <code>${column}</code>`)}</p>
    ${r.warnings.length ? html`<ul>${r.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ""}
  </div>`;
}
