// Public exports of src/clv/ (owned by the module authors of this folder).
export * from "./simpleClv.js";
export * from "./periods.js";
export * from "./transactionModel.js";
export * from "./discountedClv.js";
export * from "./holdout.js";
export * from "./tracking.js";
export * from "./adapters.js";
export * from "./calibrationFrequency.js";
export * from "./frequencyRecencyMatrix.js";
export * from "./pAliveHistory.js";
export * from "./fitCustomerModels.js";
export * from "./customerScores.js";
export * from "./modelDiagnostics.js";
