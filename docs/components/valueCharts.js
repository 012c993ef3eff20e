/**
 * Charts of the Value & opportunity and Portfolio pages. Each is a plain function returning a Plot
 * figure (or, for the matrix, an input element holding the chosen cell); the pages wrap them with
 * `figure()` from exports.js for the caption and the SVG/PNG buttons. No scoring happens here.
 */
import * as Plot from "npm:@observablehq/plot";
import {html} from "npm:htl";
import {chartExportButtons} from "./exports.js";

const TIER_ORDER = ["platinum", "gold", "silver", "bronze", "lead"];
const TIER_COLORS = ["#7f7f9f", "#c9a227", "#a7a9ac", "#b0793d", "#9fb8c8"];
const LEVELS = ["low", "medium", "high"];

/** Framework's `width` can read 0 for a moment (page hidden or unloading): never draw narrower than this. */
const MIN_WIDTH = 480;
const safeWidth = (width) => Math.max(MIN_WIDTH, Number.isFinite(width) ? width : 0);

/** Histogram of 0-100 scores, stacked by `kind` when given (rows: {score, kind}). */
export function scoreHistogram(rows, {label, width, kinds}) {
  return Plot.plot({
    width: safeWidth(width),
    height: 220,
    ariaLabel: `Distribution of ${label}`,
    ariaDescription: `Histogram of ${rows.length} scores on 0 to 100 in bins of 5 points.`,
    x: {label: `${label} →`, domain: [0, 100]},
    y: {label: "↑ count", grid: true},
    color: kinds ? {legend: true, domain: kinds} : undefined,
    marks: [
      Plot.rectY(rows, Plot.binX({y: "count"}, {x: "score", fill: kinds ? "kind" : "var(--theme-foreground-focus)", thresholds: Array.from({length: 21}, (_, i) => i * 5), tip: true})),
      Plot.ruleY([0])
    ]
  });
}

/**
 * Stacked horizontal bars: each row's index as the sum of its component contributions
 * (rows: {label, component, contribution}; `order`: labels from the top).
 */
export function breakdownChart(rows, {order, components, width, label}) {
  return Plot.plot({
    width: safeWidth(width),
    height: 40 + 22 * order.length,
    marginLeft: 170,
    ariaLabel: `${label}: component breakdown of the top ${order.length}`,
    ariaDescription: `Each bar is one row's ${label} on 0 to 100, split into the points each component adds (weight × component score).`,
    x: {label: `${label} points →`, domain: [0, 100], grid: true},
    y: {label: null, domain: order, tickFormat: (d) => (d.length > 26 ? `${d.slice(0, 25)}…` : d)},
    color: {legend: true, domain: components},
    marks: [
      Plot.barX(rows, {y: "label", x: "contribution", fill: "component", order: components, tip: {format: {contribution: ".1f"}}}),
      Plot.ruleX([0])
    ]
  });
}

/**
 * Slope chart of ranks under two weightings (rows from the library's `rankShift`, with `label`);
 * ranks beyond `topN` sit on one "below top N" line.
 */
export function slopeChart(rows, {topN, nameA, nameB, width}) {
  const below = topN + 2;
  const clamp = (r) => (r > topN ? below : r);
  const data = rows.map((r) => ({...r, yA: clamp(r.rankA), yB: clamp(r.rankB), move: r.shift > 0 ? "moved up" : r.shift < 0 ? "moved down" : "same rank"}));
  return Plot.plot({
    width: safeWidth(width),
    height: 60 + 22 * (topN + 2),
    marginLeft: 190,
    marginRight: 190,
    ariaLabel: `Rank shift between ${nameA} and ${nameB}`,
    ariaDescription: `Lines join each row's rank under ${nameA} (left) and under ${nameB} (right), for the top ${topN} under either; rows outside the top ${topN} sit on the bottom line.`,
    x: {domain: [nameA, nameB], label: null, axis: "top", inset: 10},
    y: {domain: [0.5, below + 0.5], reverse: true, axis: null},
    color: {legend: true, domain: ["moved up", "moved down", "same rank"], range: ["var(--theme-green, #3a3)", "var(--theme-red, #c33)", "var(--theme-foreground-muted)"]},
    marks: [
      Plot.link(data, {x1: () => nameA, x2: () => nameB, y1: "yA", y2: "yB", stroke: "move", strokeWidth: 1.5}),
      Plot.dot(data, {x: () => nameA, y: "yA", fill: "move", r: 3}),
      Plot.dot(data, {x: () => nameB, y: "yB", fill: "move", r: 3}),
      Plot.ruleY([below], {stroke: "var(--theme-foreground-faintest)", strokeDasharray: "3,3"}),
      Plot.text([`outside the top ${topN}`], {x: () => nameA, y: below, text: (d) => d, textAnchor: "end", dx: -8, fill: "var(--theme-foreground-muted)"}),
      Plot.text(data.filter((d) => d.rankA <= topN), {x: () => nameA, y: "yA", text: (d) => `#${d.rankA} ${d.label}`, textAnchor: "end", dx: -8}),
      Plot.text(data.filter((d) => d.rankB <= topN), {x: () => nameB, y: "yB", text: (d) => `#${d.rankB} ${d.label}`, textAnchor: "start", dx: 8}),
      Plot.tip(data, Plot.pointerX({x: () => nameA, y: "yA", title: (d) => `${d.label}\n${nameA}: #${d.rankA} (${d.scoreA.toFixed(1)})\n${nameB}: #${d.rankB} (${d.scoreB.toFixed(1)})`}))
    ]
  });
}

/**
 * The customer pyramid: one centred bar per tier (top = platinum) in three panels: share of
 * customers, of revenue and of CLV (rows: {tier, measure, share}).
 */
export function pyramidChart(rows, {width, measures}) {
  const tiers = TIER_ORDER.filter((t) => rows.some((r) => r.tier === t));
  return Plot.plot({
    width: safeWidth(width),
    height: 60 + 34 * tiers.length,
    marginLeft: 70,
    ariaLabel: "Customer pyramid",
    ariaDescription: `For each tier from platinum (top) to ${tiers.at(-1)}: its share of ${measures.join(", ")}.`,
    fx: {domain: measures, label: null, padding: 0.12},
    x: {domain: [-0.5, 0.5], axis: null},
    y: {domain: tiers, label: null},
    color: {domain: TIER_ORDER, range: TIER_COLORS},
    marks: [
      Plot.barX(rows, {fx: "measure", y: "tier", x1: (d) => -d.share / 2, x2: (d) => d.share / 2, fill: "tier", tip: {format: {x1: false, x2: false, fill: false}}, title: (d) => `${d.tier}: ${(100 * d.share).toFixed(1)} % of ${d.measure}`}),
      Plot.text(rows, {fx: "measure", y: "tier", x: 0, text: (d) => `${(100 * d.share).toFixed(1)} %`, fill: "var(--theme-foreground)", stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke", pointerEvents: "none"}),
      Plot.frame({stroke: "var(--theme-foreground-faintest)"})
    ]
  });
}

/**
 * The 3 × 3 value × opportunity matrix as an input: click (or Enter / Space on) a cell to choose it.
 * Value: the chosen cell key ("high-medium") or null; fires "input" on every choice.
 * @param cells the library's matrix cells ({key, value, opportunity, strategy, resourceShare, count, customers, prospects})
 */
export function matrixInput(cells, {width, selected = null}) {
  const chart = Plot.plot({
    width: Math.min(safeWidth(width), 720),
    height: 420,
    marginLeft: 70,
    marginBottom: 50,
    ariaLabel: "Value × opportunity matrix",
    ariaDescription: "Nine cells: value level (rows, high at the top) by opportunity level (columns, high at the right); each shows its strategy, members and share of resources. Choose a cell to list its members.",
    x: {domain: LEVELS, label: "opportunity (OI) →", padding: 0.04},
    y: {domain: [...LEVELS].reverse(), label: "↑ value (CVI)", padding: 0.04},
    color: {type: "linear", scheme: "blues", domain: [0, Math.max(1, ...cells.map((c) => c.count))], legend: false},
    marks: [
      Plot.cell(cells, {x: "opportunity", y: "value", fill: "count", inset: 1}),
      Plot.text(cells, {x: "opportunity", y: "value", text: (c) => c.strategy, dy: -14, fontWeight: "bold", fill: "var(--theme-foreground)", stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke", pointerEvents: "none"}),
      Plot.text(cells, {x: "opportunity", y: "value", text: (c) => `${c.customers.toLocaleString("en-US")} customers${c.prospects ? ` · ${c.prospects.toLocaleString("en-US")} prospects` : ""}`, dy: 4, fill: "var(--theme-foreground)", stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke", pointerEvents: "none"}),
      Plot.text(cells, {x: "opportunity", y: "value", text: (c) => `${c.resourceShare} % of resources`, dy: 20, fill: "var(--theme-foreground-muted)", stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke", pointerEvents: "none"})
    ]
  });
  const rects = [...chart.querySelectorAll('g[aria-label="cell"] rect')];
  const element = html`<div class="cvw-matrix cvw-figure">${chart}${chartExportButtons(chart, "value-opportunity-matrix")}</div>`;
  let value = selected;
  const highlight = () => {
    rects.forEach((rect, i) => {
      const on = cells[i].key === value;
      rect.setAttribute("aria-pressed", String(on));
      rect.setAttribute("stroke", on ? "var(--theme-foreground-focus)" : "none");
      rect.setAttribute("stroke-width", on ? "4" : "0");
    });
  };
  rects.forEach((rect, i) => {
    const c = cells[i];
    rect.setAttribute("tabindex", "0");
    rect.setAttribute("role", "button");
    rect.setAttribute("data-cell", c.key);
    rect.setAttribute("aria-label", `${c.value} value, ${c.opportunity} opportunity: ${c.strategy}, ${c.customers} customers, ${c.prospects} prospects, ${c.resourceShare} % of resources`);
    rect.style.cursor = "pointer";
    const choose = () => {
      value = c.key;
      highlight();
      element.dispatchEvent(new Event("input", {bubbles: true}));
    };
    rect.addEventListener("click", choose);
    rect.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose();
      }
    });
  });
  highlight();
  Object.defineProperty(element, "value", {get: () => value, set: (v) => { value = v; highlight(); }});
  return element;
}
