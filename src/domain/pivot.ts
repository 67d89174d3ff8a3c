/**
 * A confirmed swing point (SPEC §4). `index` is the extreme bar c, `confirmIndex` = c + R: nothing
 * may use the pivot before the confirm bar has closed.
 */
export interface Pivot {
  readonly kind: PivotKind;
  readonly index: number;
  readonly time: number;
  /** high[c] for a pivot high, low[c] for a pivot low. */
  readonly price: number;
  readonly confirmIndex: number;
  readonly confirmTime: number;
}

export const PivotKinds = ['high', 'low'] as const;
export type PivotKind = (typeof PivotKinds)[number];
