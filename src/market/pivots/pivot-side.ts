/**
 * One side of the pivot test (SPEC §4) for a stream of values, in "pivot high" form: bar c is a
 * pivot iff `v[c-j] <= v[c]` for j=1..L and `v[c+j] < v[c]` for j=1..R. Pivot lows use this with
 * `v = -low`, which turns `low[c-j] >= low[c]`, `low[c+j] > low[c]` into the same inequalities.
 *
 * O(1) amortized per bar and allocation-free: a monotonic stack (strictly decreasing values)
 * answers both halves at once. When bar i arrives, every stacked bar with `v <= v[i]` is popped —
 * it now has a right bar that is not lower, so it can never be a pivot — and whatever is left on
 * top is i's nearest strictly higher bar to the left (the left test: none within L bars).
 * Bar c is then a pivot at i = c + R iff it passed the left test and was never popped.
 * @internal
 */
export class PivotSide {
  /** How far back the stack must reach: L for the left test, R to keep candidates until confirmed. */
  readonly #reach: number;
  /** Ring-buffer deque of bar indices, bottom (oldest) to top (newest). */
  readonly #stack: Float64Array;
  #bottom = 0;
  #size = 0;
  /** Values of the last `reach + 1` bars, by index modulo their length. */
  readonly #values: Float64Array;
  /** Per candidate (last R + 1 bars): passed the left test and not yet popped. */
  readonly #alive: Uint8Array;

  constructor(
    readonly left: number,
    readonly right: number,
  ) {
    this.#reach = Math.max(left, right);
    this.#stack = new Float64Array(this.#reach + 1);
    this.#values = new Float64Array(this.#reach + 1);
    this.#alive = new Uint8Array(right + 1);
  }

  /**
   * Adds bar `i` (0, 1, 2, … — the caller maps its own indices) and tells whether bar `i - right`
   * is now confirmed as a pivot. Bars with fewer than `left` bars before them never are.
   */
  push(i: number, v: number): boolean {
    const cap = this.#stack.length;
    // Bars older than `reach` can neither disqualify i on the left nor still await confirmation.
    while (this.#size > 0 && this.#stack[this.#bottom]! < i - this.#reach) {
      this.#bottom = (this.#bottom + 1) % cap;
      this.#size--;
    }
    while (this.#size > 0) {
      const top = this.#stack[(this.#bottom + this.#size - 1) % cap]!;
      if (this.#values[top % this.#values.length]! > v) break;
      if (top >= i - this.right) this.#alive[top % this.#alive.length] = 0;
      this.#size--;
    }
    const higherLeft = this.#size > 0 ? this.#stack[(this.#bottom + this.#size - 1) % cap]! : undefined;
    const leftOk = i >= this.left && (higherLeft === undefined || i - higherLeft > this.left);
    this.#stack[(this.#bottom + this.#size) % cap] = i;
    this.#size++;
    this.#values[i % this.#values.length] = v;
    this.#alive[i % this.#alive.length] = leftOk ? 1 : 0;
    const candidate = i - this.right;
    return candidate >= 0 && this.#alive[candidate % this.#alive.length] === 1;
  }

  /** The value pushed for bar `c`; valid for the last `max(L, R) + 1` bars. */
  valueAt(c: number): number {
    return this.#values[c % this.#values.length]!;
  }

  reset(): void {
    this.#bottom = 0;
    this.#size = 0;
  }
}
