// Public exports of src/demo/: the seeded demo company generator.
// createRandom / Random are exported by src/math (src/demo/random.ts re-exports them for old imports)
export * from "./catalog.js";
export * from "./generate.js";
export * from "./csv.js";
