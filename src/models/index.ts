// Public exports of src/models/ (owned by the module authors of this folder).
export * from "./gammagamma.js";
export * from "./bgbb.js";
export * from "./sbg.js";
export * from "./patterns.js";
export * from "./bgnbd.js";
export * from "./mbgnbd.js";
export * from "./pnbd.js";
export * from "./simulate.js";
export * from "./heterogeneity.js";
