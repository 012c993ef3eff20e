/**
 * The demo generator's seeded random numbers: {@link createRandom} and `Random` now live in
 * `src/math/random.ts` (one mulberry32 and one set of samplers); re-exported here for existing imports.
 */
export { createRandom, type Random } from "../math/random.js";
