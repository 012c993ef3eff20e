/**
 * Charts and tables of the Reports page and the published report. Plain functions over the rows of
 * `buildReport` (src/reports/): each chart returns a Plot figure that the pages wrap with `figure()`
 * (caption + SVG/PNG export); tables are plain HTML tables (they print whole) with every value
 * escaped by htl. No report figure is computed here: only lookups and formatting.
 */
import * as Plot from "npm:@observablehq/plot";
import {html} from "npm:htl";

/** Number formats shared by the report views ("–" for a missing value). */
export function formats(currency = "") {
  const ok = (x) => x !== null && x !== undefined && Number.isFinite(x);
  const suffix = currency ? ` ${currency}` : "";
  return {
    int: (x) => (ok(x) ? Math.round(x).toLocaleString("en-US") : "–"),
    money: (x) => (ok(x) ? `${x.toLocaleString("en-US", {maximumFractionDigits: 0})}${suffix}` : "–"),
    money2: (x) => (ok(x) ? `${x.toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2})}${suffix}` : "–"),
    share: (x) => (ok(x) ? `${(100 * x).toFixed(1)} %` : "–"),
    change: (x) => (ok(x) ? `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(100 * x).toFixed(1)} %` : "–"),
    compact: (x) => (ok(x) ? x.toLocaleString("en-US", {notation: "compact", maximumFractionDigits: 1}) : "–")
  };
}

/** Format of a REPORT_DEFINITIONS unit. */
export function formatOfUnit(unit, f) {
  return unit === "currency" ? f.money : unit === "share" ? f.share : f.int;
}

/**
 * A plain table: `columns` = [{key, label, format?, align?}] (align "right" for numbers). Caption and
 * header cells make it readable by screen readers; the values pass through htl (escaped).
 */
export function simpleTable(rows, columns, {caption, testid} = {}) {
  return html`<div class="cvw-table-wrap"><table class="cvw-report-table" data-testid=${testid ?? ""}>
    ${caption ? html`<caption>${caption}</caption>` : ""}
    <thead><tr>${columns.map((c) => html`<th scope="col" style=${c.align === "right" ? "text-align:right" : ""}>${c.label}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr>${columns.map((c) => {
      const value = row[c.key];
      const text = c.format ? c.format(value, row) : value ?? "";
      return html`<td style=${c.align === "right" ? "text-align:right;font-variant-numeric:tabular-nums" : ""}>${text}</td>`;
    })}</tr>`)}</tbody>
  </table></div>`;
}

/**
 * Table of `comparePeriods` results: metric, this period, previous, change, same period last year,
 * change. `definitions` gives labels and units.
 */
export function comparisonTable(comparisons, definitions, f, {current, previous, lastYear, testid}) {
  // Shares change in percentage points (a relative change of a rate reads badly); counts and money in %.
  const points = (a, b) => (a == null || b == null ? "–" : `${a - b > 0 ? "+" : a - b < 0 ? "−" : "±"}${Math.abs(100 * (a - b)).toFixed(1)} pp`);
  const rows = comparisons.map((c) => ({...c, label: definitions[c.key]?.label ?? c.key, unit: definitions[c.key]?.unit, format: formatOfUnit(definitions[c.key]?.unit, f)}));
  return simpleTable(rows, [
    {key: "label", label: "Metric"},
    {key: "current", label: current, align: "right", format: (v, r) => r.format(v)},
    {key: "previous", label: previous, align: "right", format: (v, r) => r.format(v)},
    {key: "changeVsPrevious", label: "vs previous", align: "right", format: (v, r) => (r.unit === "share" ? points(r.current, r.previous) : f.change(v))},
    {key: "sameLastYear", label: lastYear, align: "right", format: (v, r) => r.format(v)},
    {key: "changeVsLastYear", label: "vs last year", align: "right", format: (v, r) => (r.unit === "share" ? points(r.current, r.sameLastYear) : f.change(v))}
  ], {testid});
}

/**
 * One metric over every period, with the selected period, the previous one and the same period last
 * year marked. `rows`: period rows ({period, periodIndex, [key]}).
 */
export function trendChart(rows, {key, label, selectedIndex, perYear, width, height = 170, format}) {
  const data = rows.filter((r) => r[key] !== null && r[key] !== undefined);
  const marked = [
    {index: selectedIndex, mark: "selected"},
    {index: selectedIndex - 1, mark: "previous"},
    {index: selectedIndex - perYear, mark: "last year"}
  ].map((m) => ({...m, row: rows.find((r) => r.periodIndex === m.index)})).filter((m) => m.row && m.row[key] != null);
  const ticks = data.length > 16 ? data.filter((_, i) => i % Math.ceil(data.length / 12) === 0).map((r) => r.period) : undefined;
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginBottom: 36,
    ariaLabel: `${label} by period`,
    ariaDescription: `${label} for ${data.length} periods from ${data[0]?.period ?? "–"} to ${data.at(-1)?.period ?? "–"}; the selected period, the previous one and the same period last year are marked.`,
    x: {type: "point", domain: rows.map((r) => r.period), label: null, ticks, tickRotate: data.length > 8 ? -35 : 0},
    y: {label, grid: true, nice: true, tickFormat: format ? (d) => format(d) : undefined, zero: true},
    color: {domain: ["selected", "previous", "last year"], range: ["#3b5fc0", "#c77c02", "#8a8a8a"], legend: true},
    marks: [
      Plot.ruleY([0]),
      Plot.line(data, {x: "period", y: key, stroke: "currentColor", strokeOpacity: 0.7}),
      Plot.dot(data, {x: "period", y: key, r: 1.5, fill: "currentColor", tip: true, title: (d) => `${d.period}: ${format ? format(d[key]) : d[key]}`}),
      Plot.dot(marked, {x: (m) => m.row.period, y: (m) => m.row[key], r: 5, stroke: "mark", fill: "mark", fillOpacity: 0.35, strokeWidth: 2})
    ]
  });
}

/** Customer flows per period: new and recovered up, deserters down, active customers as a line (right). */
export function flowChart(periods, {width, height = 260, selectedIndex}) {
  const flows = periods.flatMap((p) => [
    {period: p.period, kind: "new", value: p.newCustomers},
    {period: p.period, kind: "recovered", value: p.recovered},
    {period: p.period, kind: "deserters (lapsed)", value: -p.desertersLapsed},
    {period: p.period, kind: "deserters (churned)", value: -p.desertersChurned}
  ]);
  const selected = periods.find((p) => p.periodIndex === selectedIndex);
  return Plot.plot({
    width,
    height,
    marginLeft: 50,
    marginBottom: 36,
    ariaLabel: "Customers won and lost per period",
    ariaDescription: `Bars per period: new and recovered customers above zero, deserters (lapsed or churned) below; ${periods.length} periods.`,
    x: {type: "band", domain: periods.map((p) => p.period), label: null, tickRotate: periods.length > 8 ? -35 : 0, ticks: periods.length > 16 ? periods.filter((_, i) => i % 3 === 0).map((p) => p.period) : undefined},
    y: {label: "customers (− = lost)", grid: true},
    color: {domain: ["new", "recovered", "deserters (lapsed)", "deserters (churned)"], range: ["#4c78a8", "#72b7b2", "#e45756", "#9d2c2c"], legend: true},
    marks: [
      selected ? Plot.barY([selected], {x: "period", y1: (d) => -(d.deserters), y2: (d) => d.newCustomers + d.recovered, fill: "currentColor", fillOpacity: 0.08, inset: -2}) : null,
      Plot.barY(flows, {x: "period", y: "value", fill: "kind", tip: true, title: (d) => `${d.period} ${d.kind}: ${Math.abs(d.value)}`}),
      Plot.ruleY([0])
    ]
  });
}

/** Rates per period (retention and dropout, optionally for key accounts). `series` = [{key, label}]. */
export function rateChart(periods, {series, width, height = 200}) {
  const rows = series.flatMap((s) => periods.filter((p) => p[s.key] != null).map((p) => ({period: p.period, series: s.label, value: p[s.key]})));
  return Plot.plot({
    width,
    height,
    marginLeft: 50,
    marginBottom: 36,
    ariaLabel: series.map((s) => s.label).join(" and "),
    ariaDescription: `Lines per period of ${series.map((s) => s.label).join(", ")} (shares of the customers active at the start of the period).`,
    x: {type: "point", domain: periods.map((p) => p.period), label: null, tickRotate: periods.length > 8 ? -35 : 0, ticks: periods.length > 16 ? periods.filter((_, i) => i % 3 === 0).map((p) => p.period) : undefined},
    y: {label: "share of active at start", grid: true, domain: [0, 1], tickFormat: (d) => `${Math.round(100 * d)} %`},
    color: {legend: true},
    marks: [Plot.line(rows, {x: "period", y: "value", stroke: "series", marker: "dot", tip: true, title: (d) => `${d.period} ${d.series}: ${(100 * d.value).toFixed(1)} %`})]
  });
}

/** Cohort heat map: acquisition cohort (rows) × periods since acquisition (columns), filled by `value` (a 0-1 share). */
export function cohortHeatmap(cells, {value = "activeShare", label = "active share", width, periodName = "periods"}) {
  const cohorts = [...new Set(cells.map((c) => c.cohort))];
  const maxSince = Math.max(0, ...cells.map((c) => c.periodsSince));
  const text = cohorts.length <= 16 && maxSince <= 16;
  return Plot.plot({
    width,
    height: Math.max(160, 28 + cohorts.length * (text ? 26 : 14)),
    marginLeft: 70,
    padding: 0.04,
    ariaLabel: `Cohort heat map (${label})`,
    ariaDescription: `${cohorts.length} acquisition cohorts by ${periodName} since acquisition; each cell is the ${label} of the cohort.`,
    x: {label: `${periodName} since acquisition →`, axis: "top", type: "band"},
    y: {label: null, domain: cohorts},
    color: {type: "linear", domain: [0, 1], scheme: "blues", legend: true, label, tickFormat: (d) => `${Math.round(100 * d)} %`},
    marks: [
      Plot.cell(cells, {x: "periodsSince", y: "cohort", fill: value, tip: true, title: (d) => `cohort ${d.cohort} (${d.cohortSize} customers), ${d.period}: ${(100 * d[value]).toFixed(1)} % ${label}`}),
      text ? Plot.text(cells, {x: "periodsSince", y: "cohort", text: (d) => `${Math.round(100 * d[value])}`, fill: (d) => (d[value] > 0.55 ? "white" : "black"), fontSize: 9}) : null
    ]
  });
}

/** Revenue bridge (waterfall) of one period: previous revenue → + new + recovered + expansion − contraction − lost → revenue. */
export function bridgeChart(row, {width, height = 260, format}) {
  const steps = [
    ["new", row.newRevenue],
    ["recovered", row.recoveredRevenue],
    ["expansion", row.expansion],
    ["contraction", -row.contraction],
    ["lost", -row.lostRevenue]
  ];
  const bars = [{step: "previous period", y1: 0, y2: row.revenueStart, kind: "total"}];
  let level = row.revenueStart;
  for (const [step, delta] of steps) {
    bars.push({step, y1: level, y2: level + delta, kind: delta >= 0 ? "gain" : "loss", delta});
    level += delta;
  }
  bars.push({step: row.period, y1: 0, y2: row.revenueEnd, kind: "total"});
  return Plot.plot({
    width,
    height,
    marginLeft: 64,
    ariaLabel: `Revenue bridge ${row.period}`,
    ariaDescription: `From the previous period's revenue ${format(row.revenueStart)} to ${row.period}'s ${format(row.revenueEnd)}: new ${format(row.newRevenue)}, recovered ${format(row.recoveredRevenue)}, expansion ${format(row.expansion)}, contraction −${format(row.contraction)}, lost −${format(row.lostRevenue)}.`,
    x: {domain: bars.map((b) => b.step), label: null},
    y: {grid: true, label: "revenue", tickFormat: (d) => format(d)},
    color: {domain: ["total", "gain", "loss"], range: ["#8a8a8a", "#4c78a8", "#e45756"]},
    marks: [
      Plot.barY(bars, {x: "step", y1: "y1", y2: "y2", fill: "kind", tip: true, title: (d) => `${d.step}: ${d.kind === "total" ? format(d.y2) : `${d.delta >= 0 ? "+" : "−"}${format(Math.abs(d.delta))}`}`}),
      Plot.text(bars, {x: "step", y: (d) => Math.max(d.y1, d.y2), dy: -6, text: (d) => (d.kind === "total" ? format(d.y2) : `${d.delta >= 0 ? "+" : "−"}${format(Math.abs(d.delta))}`), fontSize: 10, fill: "currentColor"}),
      Plot.ruleY([0])
    ]
  });
}

/** Cross-sell events of one period by category: customers (bars) with the amount per customer as a label. */
export function crossSellChart(rows, {width, format}) {
  const sorted = [...rows].sort((a, b) => b.customers - a.customers);
  return Plot.plot({
    width,
    height: Math.max(120, 30 + sorted.length * 26),
    marginLeft: 140,
    marginRight: 90,
    ariaLabel: "Cross-selling by category",
    ariaDescription: `Customers who bought a category for the first time after buying another one, per category (${sorted.length} categories), with the average first-purchase amount per customer.`,
    x: {label: "customers cross-sold →", grid: true},
    y: {domain: sorted.map((r) => r.category), label: null},
    marks: [
      Plot.barX(sorted, {y: "category", x: "customers", fill: "#4c78a8", tip: true, title: (d) => `${d.category}: ${d.customers} customers, ${format(d.amount)} (${format(d.amountPerCustomer)} each)`}),
      Plot.text(sorted, {y: "category", x: "customers", text: (d) => `${format(d.amountPerCustomer)} each`, dx: 6, textAnchor: "start", fill: "currentColor", fontSize: 10}),
      Plot.ruleX([0])
    ]
  });
}

/** Key accounts per period: won (up) and lost (down) bars, active key accounts as dots. */
export function keyAccountChart(periods, {width, height = 220}) {
  const rows = periods.flatMap((p) => [
    {period: p.period, kind: "won", value: p.keyAccountsWon},
    {period: p.period, kind: "lost", value: -p.keyAccountsLost}
  ]);
  return Plot.plot({
    width,
    height,
    marginLeft: 50,
    marginBottom: 36,
    ariaLabel: "Key accounts won and lost per period",
    ariaDescription: `Key accounts won (new or recovered, above zero) and lost (below zero) per period; dots: active key accounts at the period's end, on the same scale.`,
    x: {type: "band", domain: periods.map((p) => p.period), label: null, tickRotate: periods.length > 8 ? -35 : 0, ticks: periods.length > 16 ? periods.filter((_, i) => i % 3 === 0).map((p) => p.period) : undefined},
    y: {label: "key accounts", grid: true},
    color: {domain: ["won", "lost", "active"], range: ["#4c78a8", "#e45756", "currentColor"], legend: true},
    marks: [
      Plot.barY(rows, {x: "period", y: "value", fill: "kind", tip: true, title: (d) => `${d.period} ${d.kind}: ${Math.abs(d.value)}`}),
      Plot.dot(periods, {x: "period", y: "keyAccountsActiveEnd", fill: () => "active", r: 3, tip: true, title: (d) => `${d.period}: ${d.keyAccountsActiveEnd} active key accounts`}),
      Plot.ruleY([0])
    ]
  });
}

/** ISO date of an epoch day. */
export function isoDate(epochDay) {
  return epochDay == null ? "–" : new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** Columns of a movers table (won or lost); `names` ({id: name}) adds customer names when known. */
export function moverColumns(f, {lost, withClv, withKeyAccount, names}) {
  return [
    {key: "rank", label: "#", align: "right"},
    {key: "customerId", label: "Customer", format: (v) => (names?.[v] ? `${v} · ${names[v]}` : v)},
    ...(lost ? [{key: "reason", label: "Why"}] : [{key: "kind", label: "How"}]),
    {key: "revenue", label: "Revenue in period", align: "right", format: f.money},
    {key: "revenueToDate", label: "Revenue to date", align: "right", format: f.money},
    {key: "marginToDate", label: "Margin to date", align: "right", format: f.money},
    ...(withClv ? [{key: "clv", label: "CLV (12 months)", align: "right", format: f.money}] : []),
    {key: "firstPurchaseEpochDay", label: "First purchase", format: isoDate},
    {key: "lastPurchaseEpochDay", label: "Last purchase", format: isoDate},
    ...(withKeyAccount ? [{key: "isKeyAccount", label: "Key account", format: (v) => (v === true ? "yes" : v === false ? "" : "–")}] : [])
  ];
}
