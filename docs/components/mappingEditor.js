/**
 * The column-mapping editor of the Data page: for each field of the table, a labelled select of the
 * file's columns with the inference's reason and confidence beside it; the date format (with the
 * DD/MM vs MM/DD ambiguity flagged), the decimal and thousands separators; Apply re-ingests. The
 * mapping can be downloaded and uploaded as the same JSON file `cvw validate --mapping` reads
 * (src/data/mapping.ts). Column names from the file are always escaped (htl / textContent).
 */
import {html} from "npm:htl";
import {REQUIRED_FIELDS, TABLE_FIELDS, checkMapping, mappingProblems, mappingToJson, parseMappingJson} from "../lib/data/mapping.js";
import {DATE_FORMATS} from "../lib/data/dateFormat.js";
import {saveText} from "./qualityReport.js";

/** Plain names of the fields, for labels. */
export const FIELD_LABELS = {
  customerId: "Customer id",
  date: "Purchase date",
  amount: "Amount",
  margin: "Margin",
  cost: "Cost",
  category: "Product / category",
  channel: "Channel",
  orderId: "Order id",
  quantity: "Quantity",
  returnFlag: "Return flag",
  segment: "Segment",
  acquisitionDate: "Acquisition date",
  acquisitionCost: "Acquisition cost",
  referrals: "Referrals made",
  complaints: "Complaints",
  walletPerYear: "Wallet per year",
  isKeyAccount: "Key account",
  churnDate: "Churn date",
  costToServePerYear: "Cost to serve per year",
  referredBy: "Referred by",
  prospectId: "Prospect id",
  fit: "Fit"
};

const THOUSANDS = [["", "none"], [",", "comma ,"], [".", "point ."], [" ", "space"], ["'", "apostrophe '"]];
const DECIMALS = [[".", "point ."], [",", "comma ,"]];
let editors = 0;

function select(id, options, value) {
  const element = html`<select id=${id}>${options.map(([v, text]) => html`<option value=${v} selected=${v === value}>${text}</option>`)}</select>`;
  element.value = value ?? "";
  return element;
}

/**
 * A mapping editor for one ingest result (`ingest` from `ingestTransactions` or `ingestTable`).
 * @param options.onApply called with the checked mapping when the user applies it (or uploads a JSON)
 * @param options.fileName base name of the downloaded JSON
 */
export function mappingEditor(ingest, {onApply, fileName = "mapping"} = {}) {
  const n = ++editors;
  const {mapping, inference, columns} = ingest;
  const table = mapping.table;
  const fields = TABLE_FIELDS[table];
  const required = REQUIRED_FIELDS[table];
  const columnOptions = [["", "(not used)"], ...columns.map((c) => [c, c])];
  const selects = Object.fromEntries(fields.map((field) => [field, select(`cvw-map-${n}-${field}`, columnOptions, mapping.columns[field] ?? "")]));
  const dateOptions = [["", "detect from the values"], ...DATE_FORMATS.map((d) => [d.format, d.label + (ingest.dateFormat?.ambiguous && ingest.dateFormat.candidates.includes(d.format) ? " (fits the data)" : "")])];
  const dateSelect = select(`cvw-map-${n}-dateFormat`, dateOptions, mapping.dateFormat ?? "");
  const decimalSelect = select(`cvw-map-${n}-decimal`, DECIMALS, mapping.decimal ?? ".");
  const thousandsSelect = select(`cvw-map-${n}-thousands`, THOUSANDS, mapping.thousands ?? "");
  const message = html`<p class="cvw-map-message" role="status" aria-live="polite"></p>`;

  /** The mapping as edited (checked), or throws naming the problem. */
  function edited() {
    const chosen = {};
    for (const field of fields) if (selects[field].value) chosen[field] = selects[field].value;
    const next = checkMapping({...mapping, columns: chosen, dateFormat: dateSelect.value || undefined, decimal: decimalSelect.value, thousands: thousandsSelect.value}, "mapping");
    const problems = mappingProblems(next, columns);
    if (problems.length) throw new Error(problems.join("; "));
    return next;
  }
  function fail(error) {
    message.className = "cvw-map-message cvw-error";
    message.textContent = error.message;
  }

  const rows = fields.map((field) => {
    const guess = inference?.fields?.[field];
    const why = guess && guess.column === mapping.columns[field] ? `${guess.reason} (confidence ${Math.round(guess.confidence * 100)} %)` : mapping.columns[field] ? "chosen in a saved mapping" : "";
    return html`<tr><th scope="row"><label for=${selects[field].id}>${FIELD_LABELS[field] ?? field}${required.includes(field) ? html` <span aria-hidden="true">*</span><span class="cvw-sr-only"> (required)</span>` : ""}</label></th><td>${selects[field]}</td><td class="muted">${why}</td></tr>`;
  });
  const apply = html`<button type="submit">Apply mapping and re-read the file</button>`;
  const download = html`<button type="button" class="cvw-export">Download mapping (JSON)</button>`;
  download.onclick = () => {
    try {
      saveText(mappingToJson(edited()), `${fileName}.json`, "application/json");
    } catch (error) {
      fail(error);
    }
  };
  const upload = html`<input type="file" accept=".json,application/json" id=${`cvw-map-${n}-upload`}>`;
  upload.onchange = async () => {
    const file = upload.files[0];
    if (!file) return;
    try {
      const loaded = parseMappingJson(await file.text(), file.name);
      if (loaded.table !== table) throw new Error(`${file.name}: the mapping is for ${loaded.table}, not ${table}`);
      const problems = mappingProblems(loaded, columns);
      if (problems.length) throw new Error(`${file.name}: ${problems.join("; ")}`);
      onApply?.(loaded);
    } catch (error) {
      fail(error);
    }
  };
  const form = html`<form class="cvw-mapping" data-testid=${`mapping-editor-${table}`}>
    <div class="cvw-table-wrap"><table class="cvw-report-table">
      <caption>Which column of the file holds each field (* required)</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Column in the file</th><th scope="col">Why this column</th></tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    <div class="cvw-map-settings">
      <label for=${dateSelect.id}>Date format</label> ${dateSelect}
      <label for=${decimalSelect.id}>Decimal separator</label> ${decimalSelect}
      <label for=${thousandsSelect.id}>Thousands separator</label> ${thousandsSelect}
    </div>
    ${ingest.dateFormat?.ambiguous ? html`<p class="muted">The dates fit both ${ingest.dateFormat.candidates.map((f) => DATE_FORMATS.find((d) => d.format === f)?.label ?? f).join(" and ")}: check the choice above.</p>` : ""}
    <p>${apply} ${download} <label for=${upload.id} class="cvw-upload-label">Use a saved mapping (JSON):</label> ${upload}</p>
    ${message}
  </form>`;
  form.onsubmit = (event) => {
    event.preventDefault();
    try {
      onApply?.(edited());
    } catch (error) {
      fail(error);
    }
  };
  return form;
}
