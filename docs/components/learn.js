/**
 * Small presentation helpers shared by the Learn pages (docs/learn/*.md): result cards that carry
 * their raw value for tests, number formats, and the "where this is used" pointer. No model math
 * here: the pages call the library (docs/lib = src/) for every number.
 */
import {html} from "npm:htl";

const money0 = new Intl.NumberFormat("en-US", {style: "currency", currency: "USD", maximumFractionDigits: 0});
const money2 = new Intl.NumberFormat("en-US", {style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2});

/** "$266.67" (cents) or "$267" with `{cents: false}`; "–" for a non-finite value. */
export function money(x, {cents = true} = {}) {
  if (!Number.isFinite(x)) return x === Infinity ? "∞" : "–";
  return (cents ? money2 : money0).format(x);
}

/** A fraction as a percentage: pct(0.275) → "27.5 %". */
export function pct(x, digits = 1) {
  if (!Number.isFinite(x)) return "–";
  return `${(100 * x).toFixed(digits)} %`;
}

/** A plain number with `digits` decimals and thousands separators. */
export function num(x, digits = 2) {
  if (!Number.isFinite(x)) return x === Infinity ? "∞" : "–";
  return x.toLocaleString("en-US", {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/**
 * A row of result cards. Each item: {label, value (formatted text), raw (number, written to
 * data-value for tests), testid, note}. Text is set through htl, so it is escaped.
 */
export function results(items) {
  return html`<div class="grid grid-cols-4 cvw-learn-results">${items.map(
    ({label, value, raw, testid, note}) => html`<div class="card cvw-learn-result" data-testid=${testid ?? null} data-value=${raw ?? null}>
      <h2>${label}</h2>
      <span class="big">${value}</span>
      ${note ? html`<p class="cvw-learn-note">${note}</p>` : ""}
    </div>`
  )}</div>`;
}

/** A boxed "where this is used in the workbench" pointer: href relative to the Learn page. */
export function usedIn(href, page, what) {
  return html`<p class="cvw-learn-usedin">In the workbench: <a href=${href}>${page}</a> ${what}</p>`;
}
