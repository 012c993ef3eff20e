/**
 * The Models page's diagnostic charts as plain functions returning Plot figures (the usual charts of
 * lifetimes and BTYD): calibration frequency, cumulative and incremental tracking, conditional
 * expectations vs holdout, frequency/recency heat maps, heterogeneity densities, and a customer's
 * purchases with P(alive) over time (Customers page). Inputs are the worker's diagnostics
 * (src/clv/modelDiagnostics.ts); no model math here.
 */
import * as Plot from "npm:@observablehq/plot";

const ACTUAL = "Actual";
const MODEL = "Model";
const COLORS = {domain: [ACTUAL, MODEL], range: ["var(--theme-foreground)", "var(--theme-foreground-focus)"]};

/** Bars of actual vs expected customers by number of repeat purchases in calibration. */
export function frequencyChart(frequency, {modelLabel, width}) {
  const data = frequency.bins.flatMap((b) => [
    {label: b.label, series: ACTUAL, customers: b.actual},
    {label: b.label, series: MODEL, customers: b.expected}
  ]);
  return Plot.plot({
    width,
    height: 280,
    ariaLabel: `Customers by number of repeat purchases in calibration, actual vs ${modelLabel}`,
    ariaDescription: frequency.bins.map((b) => `${b.label}: actual ${b.actual}, model ${b.expected.toFixed(0)}`).join("; "),
    fx: {label: "Repeat purchases in the calibration period", domain: frequency.bins.map((b) => b.label)},
    x: {axis: null, domain: [ACTUAL, MODEL]},
    y: {label: "Customers", grid: true},
    color: {...COLORS, legend: true},
    marks: [
      Plot.barY(data, {fx: "label", x: "series", y: "customers", fill: "series", tip: true}),
      Plot.ruleY([0])
    ]
  });
}

/** Cumulative (`kind` "cumulative") or incremental repeat purchases per period, actual vs model. */
export function trackingChart(tracking, {kind, calibrationPeriod, unitWord, modelLabel, width}) {
  const expected = kind === "cumulative" ? tracking.expectedCumulative : tracking.expectedIncremental;
  const actual = (kind === "cumulative" ? tracking.actualCumulative : tracking.actualIncremental) ?? [];
  const data = [
    ...tracking.period.map((p, k) => ({period: p, series: MODEL, purchases: expected[k]})),
    ...actual.map((v, k) => ({period: k + 1, series: ACTUAL, purchases: v}))
  ];
  return Plot.plot({
    width,
    height: 300,
    ariaLabel: `${kind === "cumulative" ? "Cumulative" : "Incremental"} repeat purchases per ${unitWord.replace(/s$/, "")}, actual vs ${modelLabel}`,
    ariaDescription: `Actual total ${actual.length ? Math.round(tracking.actualCumulative.at(-1)) : "unknown"}, model total ${Math.round(tracking.expectedCumulative.at(-1))} over ${tracking.period.length} ${unitWord}; the calibration period ends at ${calibrationPeriod.toFixed(1)}.`,
    x: {label: `${unitWord[0].toUpperCase()}${unitWord.slice(1)} since the first purchase in the data`},
    y: {label: kind === "cumulative" ? "Cumulative repeat purchases" : "Repeat purchases", grid: true},
    color: {...COLORS, legend: true},
    marks: [
      Plot.ruleX([calibrationPeriod], {stroke: "var(--theme-foreground-muted)", strokeDasharray: "4,3"}),
      Plot.text([calibrationPeriod], {x: (d) => d, frameAnchor: "top", dx: 4, textAnchor: "start", text: () => "end of calibration", fill: "var(--theme-foreground-muted)"}),
      Plot.lineY(data, {x: "period", y: "purchases", stroke: "series", strokeDasharray: (d) => (d.series === MODEL ? "6,3" : null), strokeWidth: 1.5, tip: true}),
      Plot.ruleY([0])
    ]
  });
}

/** Mean holdout purchases per customer by calibration frequency, actual vs model. */
export function conditionalChart(holdout, {modelLabel, unitWord, width}) {
  const bins = holdout.bins.filter((b) => b.customers > 0);
  const data = bins.flatMap((b) => [
    {label: b.label, series: ACTUAL, mean: b.actualMean, customers: b.customers},
    {label: b.label, series: MODEL, mean: b.predictedMean, customers: b.customers}
  ]);
  return Plot.plot({
    width,
    height: 300,
    ariaLabel: `Holdout purchases per customer by calibration frequency, actual vs ${modelLabel}`,
    ariaDescription: `Over the ${holdout.holdoutLength.toFixed(1)}-${unitWord.replace(/s$/, "")} holdout: actual ${holdout.total.actual} repeat purchases, predicted ${holdout.total.predicted.toFixed(1)}.`,
    x: {label: "Repeat purchases in the calibration period", domain: bins.map((b) => b.label)},
    y: {label: "Mean purchases per customer in the holdout", grid: true},
    color: {...COLORS, legend: true},
    marks: [
      Plot.lineY(data, {x: "label", y: "mean", stroke: "series", strokeDasharray: (d) => (d.series === MODEL ? "6,3" : null), marker: "circle", tip: true}),
      Plot.ruleY([0])
    ]
  });
}

/** Heat map of a frequency/recency matrix (x rows, recency bins as columns). */
export function matrixChart(matrix, {title, legendLabel, unitWord, width, percent = false}) {
  const rows = [...new Set(matrix.cells.map((c) => c.x))];
  return Plot.plot({
    width,
    height: Math.min(560, 60 + rows.length * 16),
    ariaLabel: title,
    ariaDescription: `For customers of age ${matrix.T.toFixed(1)} ${unitWord}: rows are repeat purchases 0 to ${rows.at(-1)}, columns the time of the last purchase. Values from ${Math.min(...matrix.cells.map((c) => c.value)).toFixed(2)} to ${Math.max(...matrix.cells.map((c) => c.value)).toFixed(2)}.`,
    x: {label: `Recency: time of the last purchase (${unitWord} after the first)`},
    y: {label: "Repeat purchases", domain: rows.slice().reverse(), type: "band", padding: 0},
    color: {type: "linear", scheme: "viridis", legend: true, label: legendLabel, ...(percent ? {domain: [0, 1], tickFormat: "%"} : {})},
    marks: [
      Plot.rect(matrix.cells, {x1: "tx0", x2: "tx1", y: "x", fill: "value", inset: 0, tip: {format: {value: percent ? ".1%" : ".2f", tx: ".1f"}}, channels: {tx: {value: "tx", label: "recency"}}})
    ]
  });
}

/** Density of one mixing distribution (purchase rate, dropout probability or rate). */
export function heterogeneityChart(curve, {width}) {
  const finite = curve.points.filter((p) => Number.isFinite(p.density));
  const cap = finite.map((p) => p.density).sort((a, b) => a - b)[Math.floor(finite.length * 0.98)] * 1.1;
  return Plot.plot({
    width,
    height: 240,
    ariaLabel: `Population heterogeneity of the ${curve.quantity}: ${curve.distribution}`,
    ariaDescription: `Mean ${curve.quantity} ${curve.mean.toPrecision(3)} ${curve.valueUnit}.`,
    x: {label: `${curve.quantity[0].toUpperCase()}${curve.quantity.slice(1)} (${curve.valueUnit})`},
    y: {label: "Density", grid: true, domain: [0, cap]},
    marks: [
      Plot.areaY(finite, {x: "value", y: (p) => Math.min(p.density, cap), fill: "var(--theme-foreground-focus)", fillOpacity: 0.2}),
      Plot.lineY(finite, {x: "value", y: (p) => Math.min(p.density, cap), stroke: "var(--theme-foreground-focus)"}),
      Plot.ruleX([curve.mean], {stroke: "var(--theme-foreground-muted)", strokeDasharray: "4,3"}),
      Plot.text([curve.mean], {x: (d) => d, frameAnchor: "top", dx: 4, textAnchor: "start", text: () => `mean ${curve.mean.toPrecision(3)}`, fill: "var(--theme-foreground-muted)"}),
      Plot.ruleY([0])
    ]
  });
}

/** One customer: purchases (dots sized by amount) and P(alive) over time. */
export function customerHistoryChart({purchases, alive, width, customerLabel}) {
  const pAliveEnd = alive.at(-1)?.pAlive;
  return Plot.plot({
    width,
    height: 260,
    ariaLabel: `Purchases and P(alive) over time of customer ${customerLabel}`,
    ariaDescription: `${purchases.length} purchase days; P(alive) at the end of calibration ${pAliveEnd === undefined ? "unknown" : `${(pAliveEnd * 100).toFixed(1)} %`}.`,
    x: {type: "utc", label: "Date"},
    y: {label: "P(alive)", domain: [0, 1], tickFormat: "%", grid: true},
    marks: [
      Plot.line(alive, {x: "date", y: "pAlive", stroke: "var(--theme-foreground-focus)", strokeWidth: 1.5}),
      Plot.ruleX(purchases, {x: "date", stroke: "var(--theme-foreground-muted)", strokeOpacity: 0.5}),
      Plot.dot(purchases, {x: "date", y: 1, r: (d) => Math.abs(d.amount), fill: (d) => (d.period === "history" ? "var(--theme-foreground)" : "var(--theme-foreground-muted)"), fillOpacity: 0.6, tip: {format: {amount: ",.2f"}}, channels: {amount: {value: "amount", label: "amount"}, period: {value: "period", label: "period"}}}),
      Plot.ruleY([0])
    ]
  });
}
