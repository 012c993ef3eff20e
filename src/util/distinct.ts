/**
 * Distinct numbers and distinct (a, b, c) number triples, each numbered in order of first appearance,
 * by open addressing on the numbers' bits: a `Map` keyed by numbers (or by `"x|tx|T"` strings) costs
 * seconds for the million distinct histories of a large log. Equality is `===`, so −0 equals 0 and a
 * NaN never equals anything (each NaN gets its own index).
 * Used to collapse identical customers in the model fits (`models/patterns.ts`) and to share one model
 * evaluation between customers with the same history (`clv/discountedClv.ts`).
 */

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Mix the 64 bits of `v` into the 32-bit hash `h`. */
export function hashNumber(h: number, v: number): number {
  bits[0] = v + 0; // normalise −0
  h = Math.imul(h ^ words[0], 0x9e3779b1);
  h = Math.imul(h ^ words[1], 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Smallest power of two ≥ 16 and ≥ twice `capacity`: the table size for at most `capacity` entries. */
function slotsFor(capacity: number): number {
  let slots = 16;
  while (slots < 2 * capacity) slots *= 2;
  return slots;
}

/** Distinct numbers, each with its index (at most `capacity` distinct values). */
export class DistinctValues {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly seen: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    const slots = slotsFor(capacity);
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.seen = new Float64Array(capacity);
  }

  /** Index of `v` among the distinct values so far (a new one gets the next index). */
  index(v: number): number {
    let slot = hashNumber(0x2545f491, v) & this.mask;
    for (;;) {
      const k = this.table[slot];
      if (k < 0) {
        this.table[slot] = this.count;
        this.seen[this.count] = v;
        return this.count++;
      }
      if (this.seen[k] === v) return k;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The distinct values, in order of first appearance. */
  values(): Float64Array {
    return this.seen.slice(0, this.count);
  }
}

/** Distinct number triples, each with its index (at most `capacity` distinct triples). */
export class DistinctTriples {
  private readonly table: Int32Array;
  private readonly mask: number;
  /** The distinct triples' components, in order of first appearance (valid up to `size`). */
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  /** Number of distinct triples so far. */
  size = 0;

  constructor(capacity: number) {
    const slots = slotsFor(capacity);
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.c = new Float64Array(capacity);
  }

  /** Index of (a, b, c) among the distinct triples so far (a new one gets the next index, `size` − 1). */
  index(a: number, b: number, c: number): number {
    const { table, mask, a: as, b: bs, c: cs } = this;
    let slot = hashNumber(hashNumber(hashNumber(0x2545f491, a), b), c) & mask;
    for (;;) {
      const k = table[slot];
      if (k < 0) {
        const size = this.size++;
        table[slot] = size;
        as[size] = a;
        bs[size] = b;
        cs[size] = c;
        return size;
      }
      if (as[k] === a && bs[k] === b && cs[k] === c) return k;
      slot = (slot + 1) & mask;
    }
  }
}
