// Public exports of src/data/: parsing, validation, customer summaries.
export * from "./logStats.js";
export * from "./summary.js";
