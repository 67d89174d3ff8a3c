// Rule 8 compares the bandwidth with a percentile of its last 250 values. Pushes (every bar) only
// record the value; the sorted window is brought up to date when a percentile is asked for (bars
// with a candidate), merging the values that left and came in since in one pass. Keeping it
// sorted on every push (binary searches and a copyWithin per bar) was the analyzer's largest
// per-bar cost, for a percentile read on ~1 bar in 10.
//
// Equal values (0 and −0 compare equal) keep their arrival order, as a stable sort would.

/** Beyond this many pushes since the last percentile, re-sort the window instead of merging. */
const MERGE_LIMIT = 32;

export class RollingPercentile {
  /** The last `window` values in arrival order: the oldest at `head` once full. */
  private readonly ring: Float64Array;
  private count = 0;
  private head = 0;
  /** The window as of the last sync, ascending; `sortedCount` values. */
  private sorted: Float64Array;
  private spare: Float64Array;
  private sortedCount = 0;
  /** Values pushed, and values pushed out of the window, since the last sync (arrival order). */
  private readonly added: Float64Array;
  private readonly removed: Float64Array;
  private pending = 0;
  private removedCount = 0;

  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
    this.sorted = new Float64Array(window);
    this.spare = new Float64Array(window);
    this.added = new Float64Array(MERGE_LIMIT);
    this.removed = new Float64Array(MERGE_LIMIT);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a value (NaN is ignored: bars before the indicator is defined don't count). */
  push(value: number): void {
    if (Number.isNaN(value)) return;
    const full = this.count === this.window;
    const p = this.pending++;
    if (p < MERGE_LIMIT) {
      this.added[p] = value;
      if (full) this.removed[this.removedCount++] = this.ring[this.head]!;
    }
    this.ring[this.head] = value;
    this.head = this.head + 1 === this.window ? 0 : this.head + 1;
    if (!full) this.count++;
  }

  /** Nearest-rank percentile p (0–100] of the values in the window; NaN below `minCount`. */
  percentile(p: number, minCount = 1): number {
    if (this.count < Math.max(1, minCount)) return Number.NaN;
    if (this.pending > 0) this.sync();
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    return this.sorted[rank - 1]!;
  }

  private sync(): void {
    // A value pushed out since the last sync may itself have come in since: merge only while
    // every removed value is known to be in `sorted` (fewer pushes than the window).
    if (this.pending > MERGE_LIMIT || this.pending >= this.window) this.rebuild();
    else this.merge();
    this.pending = 0;
    this.removedCount = 0;
    this.sortedCount = this.count;
  }

  /** `sorted` minus `removed` plus `added`, in one pass (both lists sorted stably first). */
  private merge(): void {
    const added = this.added;
    const removed = this.removed;
    const na = this.pending;
    const nr = this.removedCount;
    insertionSort(added, na);
    insertionSort(removed, nr);
    const from = this.sorted;
    const to = this.spare;
    const n = this.sortedCount;
    let i = 0;
    let a = 0;
    let r = 0;
    let k = 0;
    // The next removed and added values in locals, NaN when none is left (NaN equals and
    // precedes nothing): the loop then costs a load, two compares and a store per value.
    let next = nr > 0 ? removed[0]! : Number.NaN;
    let add = na > 0 ? added[0]! : Number.NaN;
    while (i < n) {
      const v = from[i]!;
      if (v === next) {
        // The removed values are the oldest: the first of their equals, in the same order.
        i++;
        next = ++r < nr ? removed[r]! : Number.NaN;
      } else if (add < v) {
        // A new value goes after the equal ones already there (it arrived later).
        to[k++] = add;
        add = ++a < na ? added[a]! : Number.NaN;
      } else {
        to[k++] = v;
        i++;
      }
    }
    while (a < na) to[k++] = added[a++]!;
    this.sorted = to;
    this.spare = from;
  }

  /** The window re-sorted from the ring (equal values in arrival order). */
  private rebuild(): void {
    const n = this.count;
    const start = n === this.window ? this.head : 0;
    const sorted = this.sorted;
    for (let k = 0, at = start; k < n; k++) {
      sorted[k] = this.ring[at]!;
      at = at + 1 === this.window ? 0 : at + 1;
    }
    // The built-in numeric sort (no comparator calls), which puts −0 before 0: the run of zeros,
    // if it has both, is rewritten in arrival order.
    sorted.subarray(0, n).sort();
    let z = 0;
    while (z < n && sorted[z]! < 0) z++;
    let end = z;
    while (end < n && sorted[end] === 0) end++;
    if (end - z > 1 && Object.is(sorted[z], -0) && Object.is(sorted[end - 1], 0)) {
      for (let k = 0, at = start; k < n; k++) {
        const v = this.ring[at]!;
        if (v === 0) sorted[z++] = v;
        at = at + 1 === this.window ? 0 : at + 1;
      }
    }
  }
}

/** Stable ascending sort of `x[0..n−1]` (n ≤ MERGE_LIMIT). */
function insertionSort(x: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = x[i]!;
    let j = i - 1;
    while (j >= 0 && x[j]! > v) {
      x[j + 1] = x[j]!;
      j--;
    }
    x[j + 1] = v;
  }
}
