/** SPEC §4's knobs for one timeframe (pivot lengths differ between 1h and 4h). */
export interface DivergenceSettings {
  readonly left: number;
  readonly right: number;
  readonly minBars: number;
  readonly maxBars: number;
  readonly maxPivots: number;
  /** DIV_OSC_WINDOW w ≤ right: O(c) reads bars c−w..c+w, all closed by the confirm bar. */
  readonly window: number;
  readonly hidden: boolean;
  readonly lineOfSight: boolean;
  readonly macdSameSide: boolean;
  readonly stopAtrBuffer: number;
  readonly tp1MinR: number;
  readonly tp2R: number;
}

/**
 * Bars the engine may look back from a confirm bar: TP2 reads maxBars bars before c1, and the
 * pivot test (on the buffer's rings) the L + R bars around c.
 */
export function lookbackBars(s: DivergenceSettings): number {
  return Math.max(2 * s.maxBars + s.right + s.window + 2, s.left + s.right + 1);
}
