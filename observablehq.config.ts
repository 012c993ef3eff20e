// Observable Framework configuration for Customer Value Workbench.
// Offline by construction: no Google Fonts (globalStylesheets: []), no DuckDB extension downloads
// (json/parquet: null), npm packages come from the cache filled by scripts/vendor.mjs.
export default {
  root: "docs",
  output: "dist",
  title: "Customer Value Workbench",
  pages: [
    { name: "Data", path: "/data" },
  ],
  pager: false,
  search: false,
  theme: ["light", "dark", "alt", "wide"],
  globalStylesheets: [],
  footer: "Customer Value Workbench: open source. Your data never leaves this browser.",
  duckdb: { extensions: { json: null, parquet: null } },
  head: '<link rel="icon" href="data:,">',
};
