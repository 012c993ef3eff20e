// Observable Framework configuration for Customer Value Workbench.
// Offline by construction: no Google Fonts (globalStylesheets: []), no DuckDB extension downloads
// (json/parquet: null), npm packages come from the cache filled by scripts/vendor.mjs.
export default {
  root: "docs",
  // CVW_DIST lets several builds run side by side (each engineer, the browser tests) without clashing.
  output: process.env.CVW_DIST ?? "dist",
  title: "Customer Value Workbench",
  pages: [
    { name: "Data", path: "/data" },
    { name: "Customers", path: "/customers" },
    { name: "Models", path: "/models" },
    { name: "Value & opportunity", path: "/value" },
    { name: "Portfolio", path: "/portfolio" },
    { name: "Reports", path: "/reports" },
    { name: "Scenarios", path: "/scenarios" },
    { name: "Published report", path: "/report" },
    {
      name: "Learn",
      open: false,
      pages: [
        { name: "Customer lifetime value", path: "/learn/clv" },
        { name: "Predictive CLV (BG/NBD, Pareto/NBD)", path: "/learn/predictive-clv" },
        { name: "Is the customer still alive?", path: "/learn/p-alive" },
        { name: "RFM segments", path: "/learn/rfm" },
        { name: "Customer value index", path: "/learn/cvi" },
        { name: "Opportunity index", path: "/learn/oi" },
        { name: "Customer portfolio", path: "/learn/portfolio" },
        { name: "Retention economics", path: "/learn/retention-economics" },
      ],
    },
  ],
  pager: false,
  search: false,
  style: "style.css",
  globalStylesheets: [],
  footer: "Customer Value Workbench: open source. Your data never leaves this browser.",
  duckdb: { extensions: { json: null, parquet: null } },
  head: '<link rel="icon" href="data:,">',
};
