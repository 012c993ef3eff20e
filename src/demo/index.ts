// Public exports of src/demo/: the seeded demo company generator.
export * from "./random.js";
export * from "./catalog.js";
export * from "./generate.js";
export * from "./csv.js";
