/**
 * Charts of the Scenarios page (Observable Plot): equity by scenario, profit by year, tier counts and
 * the tornado of lever effects. Each takes plain rows computed by the library (src/scenarios/) and
 * returns a Plot figure with an aria description; no model math here.
 */
import * as Plot from "npm:@observablehq/plot";

const money = (v) => Math.round(v).toLocaleString("en-US");

/** Equity of the baseline and each scenario: rows `{scenario, equity}`. */
export function equityChart(rows, {width} = {}) {
  return Plot.plot({
    width,
    height: Math.max(120, 40 * rows.length + 40),
    marginLeft: 160,
    ariaLabel: "Customer equity by scenario",
    ariaDescription: rows.map((r) => `${r.scenario}: ${money(r.equity)}`).join("; "),
    x: {label: "Customer equity (discounted)", grid: true, tickFormat: "~s"},
    y: {label: null, domain: rows.map((r) => r.scenario)},
    marks: [
      Plot.barX(rows, {y: "scenario", x: "equity", fill: (r) => (r.scenario === "Baseline" ? "var(--theme-foreground-muted)" : "var(--theme-foreground-focus)"), tip: true}),
      Plot.text(rows, {y: "scenario", x: "equity", text: (r) => money(r.equity), textAnchor: "start", dx: 4, fill: "currentColor"}),
      Plot.ruleX([0])
    ]
  });
}

/** Profit by year, one line per scenario: rows `{scenario, year, profit}`. */
export function profitChart(rows, {width} = {}) {
  return Plot.plot({
    width,
    height: 280,
    ariaLabel: "Profit by year for each scenario",
    ariaDescription: `Yearly profit (margin of current, referred and new customers minus acquisition spend), undiscounted, for ${[...new Set(rows.map((r) => r.scenario))].join(", ")}.`,
    x: {label: "Year", tickFormat: "d", ticks: [...new Set(rows.map((r) => r.year))]},
    y: {label: "Profit (undiscounted)", grid: true, tickFormat: "~s"},
    color: {legend: true},
    marks: [
      Plot.lineY(rows, {x: "year", y: "profit", stroke: "scenario", marker: "circle", tip: true}),
      Plot.ruleY([0])
    ]
  });
}

/** Current customers per tier and scenario: rows `{scenario, tier, customers}`. */
export function tierChart(rows, {width} = {}) {
  const tiers = ["platinum", "gold", "silver", "bronze", "removed"];
  return Plot.plot({
    width,
    height: 260,
    ariaLabel: "Customers per tier by scenario",
    ariaDescription: "Counts of current customers in each pyramid tier, against the baseline's value thresholds.",
    fx: {label: null, domain: tiers},
    x: {axis: null, domain: [...new Set(rows.map((r) => r.scenario))]},
    y: {label: "Customers", grid: true},
    color: {legend: true},
    marks: [Plot.barY(rows, {fx: "tier", x: "scenario", y: "customers", fill: "scenario", tip: true}), Plot.ruleY([0])]
  });
}

/** Tornado: bars from the library's `tornado()` (equity change at −step and +step of each lever). */
export function tornadoChart(bars, {width} = {}) {
  const rows = bars.flatMap((b) => [
    {lever: b.label, side: `${b.low > 0 ? "+" : ""}${b.low}`, delta: b.deltaLow, direction: "lever down"},
    {lever: b.label, side: `${b.high > 0 ? "+" : ""}${b.high}`, delta: b.deltaHigh, direction: "lever up"}
  ]);
  return Plot.plot({
    width,
    height: 40 + 28 * bars.length,
    marginLeft: 180,
    ariaLabel: "Tornado: change of customer equity when each lever moves down or up",
    ariaDescription: bars.map((b) => `${b.label}: ${money(b.deltaLow)} to ${money(b.deltaHigh)}`).join("; "),
    x: {label: "Change of customer equity", grid: true, tickFormat: "~s"},
    y: {label: null, domain: bars.map((b) => b.label)},
    color: {legend: true, domain: ["lever down", "lever up"]},
    marks: [
      Plot.barX(rows, {y: "lever", x: "delta", fill: "direction", tip: true, title: (d) => `${d.lever} ${d.side}: ${money(d.delta)}`}),
      Plot.ruleX([0])
    ]
  });
}
