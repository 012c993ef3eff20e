// Public exports of src/value/: customer features, value and opportunity indices, portfolio.
export * from "./features.js";
export * from "./normalise.js";
export * from "./select.js";
export * from "./composite.js";
export * from "./profiles.js";
export * from "./cvi.js";
export * from "./crossSell.js";
export * from "./oi.js";
export * from "./tiers.js";
export * from "./tierSummary.js";
export * from "./matrix.js";
export * from "./portfolio.js";
export * from "./rfm.js";
export * from "./rankShift.js";
export * from "./records.js";
export * from "./futureValue.js";
