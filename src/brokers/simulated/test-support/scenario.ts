// A small driver for the simulator's own tests: a broker on a simulated clock, hours fed one
// at a time (every symbol's bar starts at the clock's time), and intents with defaults.
import Big from 'big.js';
import { SimulatedClock } from '../../../clock/simulated-clock.js';
import type { Candle } from '../../../domain/candle.js';
import { clientOrderId } from '../../../domain/ids.js';
import { defaultRegistry } from '../../../domain/instruments/index.js';
import type { OrderIntent } from '../../../domain/order.js';
import { HOUR_MS } from '../../../domain/timeframe.js';
import { SimulatedBroker } from '../simulated-broker.js';
import type { SimulatedBrokerOptions } from '../types.js';

export type Ohlc = Pick<Candle, 'open' | 'high' | 'low' | 'close'> & { spread?: number };

export const utc = (iso: string) => Date.parse(iso);

/** Tuesday 2026-01-06 10:00 UTC (05:00 New York): no rollover nearby. */
export const QUIET_START = utc('2026-01-06T10:00:00Z');

export function scenario(start = QUIET_START, options: Partial<SimulatedBrokerOptions> = {}) {
  const clock = new SimulatedClock(start);
  const broker = new SimulatedBroker({
    clock,
    registry: defaultRegistry,
    accountCurrency: 'USD',
    startingCash: 100_000,
    ...options,
  });
  let ids = 0;
  return {
    clock,
    broker,
    registry: defaultRegistry,
    /** One hour: each symbol's bar opens at the clock's time; the clock ends at its close. */
    async hour(bars: Record<string, Ohlc>): Promise<number> {
      const time = clock.now();
      await clock.advanceTo(time + HOUR_MS);
      for (const [symbol, bar] of Object.entries(bars)) broker.onBar(symbol, { time, volume: null, ...bar });
      return time;
    },
    flat(price: number, spread?: number): Ohlc {
      return {
        open: price,
        high: price,
        low: price,
        close: price,
        ...(spread === undefined ? {} : { spread }),
      };
    },
    intent(
      symbol: string,
      over: Partial<Omit<OrderIntent, 'qty' | 'price' | 'stop' | 'target'>> & {
        qty: string | number;
        price?: string | number;
        stop?: string | number;
        target?: string | number;
      },
    ): OrderIntent {
      const { qty, price, stop, target, ...rest } = over;
      const big = (v: string | number | undefined) => (v === undefined ? undefined : new Big(v));
      return {
        clientId: clientOrderId(`t-${++ids}`),
        kind: 'entry',
        broker: defaultRegistry.get(symbol).broker,
        symbol: defaultRegistry.get(symbol).id,
        side: 'buy',
        orderKind: 'market',
        qty: new Big(qty),
        price: big(price),
        stop: big(stop),
        target: big(target),
        ...rest,
      };
    },
  };
}

export type Scenario = ReturnType<typeof scenario>;

/** A fill reduced to strings: for comparing runs and for readable expectations. */
export const plain = (f: { price: Big; qty: Big; reason?: string; side: string; time: number }) => ({
  side: f.side,
  qty: f.qty.toString(),
  price: f.price.toString(),
  reason: f.reason,
  time: new Date(f.time).toISOString(),
});
