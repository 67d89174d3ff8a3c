// Rule 8 compares the bandwidth with a percentile of its last 250 values. Kept incrementally as a
// sorted window (binary search + shift of at most 250 doubles per bar), so a candidate reads the
// percentile in O(1) instead of sorting 250 values.
export class RollingPercentile {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private count = 0;
  private head = 0;

  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
    this.sorted = new Float64Array(window);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a value (NaN is ignored: bars before the indicator is defined don't count). */
  push(value: number): void {
    if (Number.isNaN(value)) return;
    if (this.count === this.window) {
      // Replace the oldest value in place: one shift between its slot and the new value's.
      const old = this.ring[this.head]!;
      this.ring[this.head] = value;
      this.head = (this.head + 1) % this.window;
      this.replaceSorted(old, value);
      return;
    }
    this.ring[this.head] = value;
    this.head = (this.head + 1) % this.window;
    this.insertSorted(value);
    this.count++;
  }

  /** Nearest-rank percentile p (0–100] of the values in the window; NaN below `minCount`. */
  percentile(p: number, minCount = 1): number {
    if (this.count < Math.max(1, minCount)) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    return this.sorted[rank - 1]!;
  }

  private insertSorted(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.count);
    this.sorted[at] = value;
  }

  private replaceSorted(old: number, value: number): void {
    const from = this.lowerBound(old);
    if (value >= old) {
      // Slide the values in (old, value] down one slot; the new value goes after them.
      let to = this.lowerBound(value);
      if (to > from) {
        this.sorted.copyWithin(from, from + 1, to);
        to--;
      }
      this.sorted[to] = value;
    } else {
      const to = this.lowerBound(value);
      this.sorted.copyWithin(to + 1, to, from);
      this.sorted[to] = value;
    }
  }

  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
