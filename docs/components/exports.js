/**
 * Export controls shared by every page: every chart as SVG and PNG, every table as CSV. Files are made
 * in the browser (Blob + object URL); nothing is sent anywhere.
 */
import {csvFormat} from "npm:d3-dsv";
import {html} from "npm:htl";

/** Save `blob` as a file named `filename` (made in the browser; nothing is sent). */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The main <svg> of a Plot figure (or the element itself when it is an svg). */
function mainSvg(chart) {
  if (chart instanceof SVGSVGElement) return chart;
  const svgs = [...chart.querySelectorAll("svg")];
  return svgs.sort((a, b) => b.clientWidth * b.clientHeight - a.clientWidth * a.clientHeight)[0];
}

/** Serialize a chart's main SVG as a standalone SVG document (text colour resolved to a value). */
export function chartSvgText(chart) {
  const svg = mainSvg(chart);
  if (!svg) throw new Error("no svg in this chart");
  const clone = svg.cloneNode(true);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = getComputedStyle(svg);
  clone.style.color = style.color;
  clone.style.background = getComputedStyle(document.body).backgroundColor;
  clone.style.fontFamily = style.fontFamily;
  return new XMLSerializer().serializeToString(clone);
}

/** Render a chart's SVG to a PNG Blob at `scale` × its on-screen size. */
export async function chartPngBlob(chart, scale = 2) {
  const svg = mainSvg(chart);
  const {width, height} = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([chartSvgText(chart)], {type: "image/svg+xml"}));
  try {
    const image = new Image();
    await new Promise((resolve, reject) => {
      image.onload = resolve;
      image.onerror = () => reject(new Error("could not render the chart as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext("2d");
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Buttons exporting `chart` as `${name}.svg` and `${name}.png`. */
export function chartExportButtons(chart, name) {
  const svgButton = html`<button type="button" class="cvw-export" data-export="svg">SVG</button>`;
  const pngButton = html`<button type="button" class="cvw-export" data-export="png">PNG</button>`;
  svgButton.onclick = () => download(new Blob([chartSvgText(chart)], {type: "image/svg+xml"}), `${name}.svg`);
  pngButton.onclick = async () => download(await chartPngBlob(chart), `${name}.png`);
  return html`<span class="cvw-exports" aria-label="Export chart">Export: ${svgButton} ${pngButton}</span>`;
}

/**
 * A chart with its plain-language caption and export buttons:
 * `figure(Plot.plot(...), {name: "tracking", caption: "What it shows..."})`.
 */
export function figure(chart, {name, caption} = {}) {
  return html`<div class="cvw-figure">${chart}${caption ? html`<p class="cvw-caption">${caption}</p>` : ""}${chartExportButtons(chart, name ?? "chart")}</div>`;
}

/** CSV text of `rows` (objects), in `columns` order when given. */
export function toCsv(rows, columns) {
  return csvFormat(rows, columns);
}

/** A button downloading `rows` (or `rows()` when a function, computed on click) as `${name}.csv`. */
export function csvButton(rows, name, {label = "Download CSV", columns} = {}) {
  const button = html`<button type="button" class="cvw-export" data-export="csv">${label}</button>`;
  button.onclick = () => download(new Blob([toCsv(typeof rows === "function" ? rows() : rows, columns)], {type: "text/csv"}), `${name}.csv`);
  return button;
}

/** A button downloading `text` as `filename` with `type`. */
export function downloadButton(label, filename, text, type = "application/json") {
  const button = html`<button type="button" class="cvw-export">${label}</button>`;
  button.onclick = () => download(new Blob([typeof text === "function" ? text() : text], {type}), filename);
  return button;
}
