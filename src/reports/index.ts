// Public exports of src/reports/: the monthly / quarterly report query family (SQL over DuckDB).
export * from "./options.js";
export * from "./periods.js";
export * from "./baseSql.js";
export * from "./periodReport.js";
export * from "./crossSell.js";
export * from "./crossSellEvents.js";
export * from "./bridge.js";
export * from "./cohorts.js";
export * from "./movers.js";
export * from "./definitions.js";
export * from "./reconcile.js";
export * from "./csv.js";
export * from "./buildReport.js";
export * from "./customersTable.js";
export * from "./reportClv.js";
export * from "./compare.js";
