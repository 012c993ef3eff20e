// Public exports of src/math/ (owned by the module authors of this folder).
export * from "./special.js";
export * from "./optimize.js";
export * from "./random.js";
