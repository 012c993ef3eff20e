// Public exports of src/scenarios/ (owned by the module authors of this folder).
export * from "./levers.js";
export * from "./baseline.js";
export * from "./engine.js";
export * from "./finish.js";
export * from "./transactionBaseline.js";
export * from "./survivalBaseline.js";
export * from "./tornado.js";
export * from "./url.js";
export * from "./fromData.js";
