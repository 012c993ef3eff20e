// Public exports of src/data/: parsing, validation, customer summaries.
export * from "./logStats.js";
export * from "./summary.js";
// Ingest (issue 4): sniffing, mapping, staging and validation in DuckDB SQL, quality report.
export * from "./reasons.js";
export * from "./csvSample.js";
export * from "./numberFormat.js";
export * from "./dateFormat.js";
export * from "./sniff.js";
export * from "./mapping.js";
export * from "./inferMapping.js";
export * from "./stagingSql.js";
export * from "./validationSql.js";
export * from "./qualityReport.js";
export * from "./ingest.js";
export * from "./customerSummarySql.js";
export * from "./browserLimits.js";
export * from "./csvWrite.js";
export * from "./tableIngest.js";
export * from "./jsonRecords.js";
export * from "./weeklyRepeatSql.js";
