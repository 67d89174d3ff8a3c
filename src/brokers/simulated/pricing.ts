// Bar-driven quotes. Candles are mid prices; the bid and the ask sit half the spread either side,
// and every fill price lands on the instrument's tick, rounded against the trader.
import Big from 'big.js';
import type { Candle } from '../../domain/candle.js';
import type { Direction } from '../../domain/divergence.js';
import { type Instrument, spreadMultiplierAt } from '../../domain/instruments/index.js';
import type { OrderSide } from '../../domain/order.js';

export type PricedInstrument = Pick<Instrument, 'costs' | 'rollover' | 'tickSize' | 'pricePrecision'>;

/** The bar's own `spread` column when it has one, else the registry's; widened in the rollover hour. */
export function spreadOf(instrument: PricedInstrument, bar: Pick<Candle, 'time' | 'spread'>): number {
  const own = bar.spread;
  const quoted = own !== undefined && Number.isFinite(own) && own >= 0 ? own : instrument.costs.spread;
  return quoted * spreadMultiplierAt(instrument, bar.time);
}

/** Half the bar's spread, exactly (decimal), for quoting the bid and the ask around a mid. */
export function halfSpreadOf(instrument: PricedInstrument, bar: Pick<Candle, 'time' | 'spread'>): Big {
  // Rounded well below the tick: 0.00014 × 3 is 0.00042000000000000007 as a double.
  return new Big(spreadOf(instrument, bar)).round(instrument.pricePrecision + 6, Big.roundHalfUp).div(2);
}

/** Buys pay the ask, sells get the bid: the price on `side` of a mid price. */
export function quoteAt(mid: number, halfSpread: Big, side: OrderSide): Big {
  return side === 'buy' ? new Big(mid).plus(halfSpread) : new Big(mid).minus(halfSpread);
}

/** The side that closes a position in `direction`, and the direction a side opens. */
export const exitSide = (direction: Direction): OrderSide => (direction === 'long' ? 'sell' : 'buy');
export const directionOfSide = (side: OrderSide): Direction => (side === 'buy' ? 'long' : 'short');

/** Market and stop fills slip by `slippageBps` of the price, always adversely. */
export function withSlippage(instrument: PricedInstrument, price: Big, side: OrderSide): Big {
  const slip = price.times(instrument.costs.slippageBps).div(10_000);
  return side === 'buy' ? price.plus(slip) : price.minus(slip);
}

/**
 * On the tick, against the trader: buys round up, sells down. Float noise is removed first so a
 * price that is already on the tick (1.10000000000000009) is not pushed a whole tick away.
 */
export function toTick(instrument: PricedInstrument, price: number | Big, side: OrderSide): Big {
  const tick = new Big(instrument.tickSize);
  const clean = new Big(price).round(instrument.pricePrecision + 6, Big.roundHalfUp);
  return clean
    .div(tick)
    .round(0, side === 'buy' ? Big.roundUp : Big.roundDown)
    .times(tick);
}

/** Whether `value` is a whole multiple of `step` (ticks and size steps), exactly. */
export function isOnStep(value: Big, step: number): boolean {
  return value.mod(new Big(step)).eq(0);
}
