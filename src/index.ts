/**
 * Customer Value Workbench: the shared scoring library. Pure TypeScript, no DOM and no Node APIs
 * (those live in `src/node/` and `src/cli/`, which this index does not export). Pages, data loaders,
 * the CLI and tests all import from here.
 */
export * from "./types.js";
export * from "./sql/runner.js";
export * from "./math/index.js";
export * from "./data/index.js";
export * from "./models/index.js";
export * from "./clv/index.js";
export * from "./value/index.js";
export * from "./reports/index.js";
export * from "./scenarios/index.js";
export * from "./demo/index.js";
