// Correlation groups for MAX_CORRELATION_EXPOSURE (SPEC §9): positions are counted per group
// *and direction of exposure*, so long EUR_USD and short USD_JPY (both short USD) stack,
// while long EUR_USD and long USD_JPY offset. Groups span brokers.

export const CorrelationGroup = {
  crypto: 'crypto',
  /** FX pairs with a USD leg; the factor is the US dollar. */
  usd: 'usd',
  /** EUR crosses without USD (EUR_JPY, EUR_GBP); the factor is the euro. */
  eurCrosses: 'eur-crosses',
  usEquityIndices: 'us-equity-indices',
  globalEquityIndices: 'global-equity-indices',
  usMegacapTech: 'us-megacap-tech',
  preciousMetals: 'precious-metals',
  industrialMetals: 'industrial-metals',
  energy: 'energy',
  /** Government bond futures CFDs; long = long bond prices (short yields). */
  bonds: 'bonds',
} as const;
export type CorrelationGroup = (typeof CorrelationGroup)[keyof typeof CorrelationGroup];

/** What a *long* position in the instrument means for a group's factor. */
export interface GroupExposure {
  readonly group: CorrelationGroup;
  /** +1: long the instrument is long the factor; −1: long the instrument is short it. */
  readonly sign: 1 | -1;
}

export type ExposureDirection = 'long' | 'short';

export interface DirectedExposure {
  readonly group: CorrelationGroup;
  readonly direction: ExposureDirection;
}

/** The factor positions of a trade: long USD_JPY → long `usd`; long EUR_USD → short `usd`. */
export function exposureDirections(
  instrument: { readonly correlation: readonly GroupExposure[] },
  direction: ExposureDirection,
): readonly DirectedExposure[] {
  return instrument.correlation.map(({ group, sign }) => ({
    group,
    direction: (direction === 'long') === (sign === 1) ? 'long' : 'short',
  }));
}

/** The exposure of an FX pair to the `usd` group, from which leg is USD. */
export function fxExposure(base: string, quote: string): readonly GroupExposure[] {
  if (base === 'USD') return [{ group: CorrelationGroup.usd, sign: 1 }];
  if (quote === 'USD') return [{ group: CorrelationGroup.usd, sign: -1 }];
  if (base === 'EUR') return [{ group: CorrelationGroup.eurCrosses, sign: 1 }];
  throw new Error(`no correlation group for FX cross ${base}_${quote}: add one`);
}

export const long = (group: CorrelationGroup): readonly GroupExposure[] => [{ group, sign: 1 }];
