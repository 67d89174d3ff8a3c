// Highest high and lowest low of the last `period` bars in O(1) amortized per bar: two monotonic
// deques in preallocated rings (power-of-two capacity, so wrapping is a mask). Values equal a full
// window scan, which is what TA-Lib's STOCH and WILLR compute.
import type { Bar } from './bar.js';
import { checkPeriod } from './ta-math.js';

export class WindowExtremes {
  /** Valid once `period` bars have been pushed. */
  highest = Number.NaN;
  lowest = Number.NaN;
  private readonly mask: number;
  private readonly maxValue: Float64Array;
  private readonly maxBar: Float64Array;
  private readonly minValue: Float64Array;
  private readonly minBar: Float64Array;
  // Deque bounds are ever-increasing counters; `& mask` maps them to slots.
  private maxHead = 0;
  private maxTail = 0;
  private minHead = 0;
  private minTail = 0;
  private bar = 0;

  constructor(readonly period: number) {
    checkPeriod('window period', period, 1);
    let capacity = 1;
    while (capacity < period) capacity *= 2;
    this.mask = capacity - 1;
    this.maxValue = new Float64Array(capacity);
    this.maxBar = new Float64Array(capacity);
    this.minValue = new Float64Array(capacity);
    this.minBar = new Float64Array(capacity);
  }

  push(bar: Pick<Bar, 'high' | 'low'>): void {
    const high = bar.high;
    const low = bar.low;
    const mask = this.mask;
    const index = this.bar++;
    // Bars enter one at a time, so at most one entry (the oldest, at the head) leaves per bar.
    const expired = index - this.period;
    const maxValue = this.maxValue;
    const maxBar = this.maxBar;
    let head = this.maxHead;
    let tail = this.maxTail;
    if (head < tail && maxBar[head & mask]! <= expired) head++;
    while (head < tail && maxValue[(tail - 1) & mask]! <= high) tail--;
    maxValue[tail & mask] = high;
    maxBar[tail & mask] = index;
    this.maxTail = tail + 1;
    this.maxHead = head;
    this.highest = maxValue[head & mask]!;
    const minValue = this.minValue;
    const minBar = this.minBar;
    head = this.minHead;
    tail = this.minTail;
    if (head < tail && minBar[head & mask]! <= expired) head++;
    while (head < tail && minValue[(tail - 1) & mask]! >= low) tail--;
    minValue[tail & mask] = low;
    minBar[tail & mask] = index;
    this.minTail = tail + 1;
    this.minHead = head;
    this.lowest = minValue[head & mask]!;
  }

  reset(): void {
    this.maxHead = this.maxTail = this.minHead = this.minTail = this.bar = 0;
    this.highest = this.lowest = Number.NaN;
  }
}
