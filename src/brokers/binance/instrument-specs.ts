// Trading rules from exchangeInfo (as ccxt's loadMarkets() loaded it, brokers.md §3.2): the
// PRICE_FILTER tick, the LOT_SIZE step and minimum, the NOTIONAL minimum. A symbol missing a
// filter, or with a tick or step that is not a positive decimal, is junk: rounding depends on them.
import Big from 'big.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { VenueInstrumentSpec } from '../instrument-spec.js';
import type { BinanceClient } from './client.js';
import { rawSymbolFilters } from './schemas.js';

const ENDPOINT = 'GET /api/v3/exchangeInfo';

export function instrumentSpec(
  client: BinanceClient,
  market: { instrument: Instrument; info: unknown },
): VenueInstrumentSpec {
  const { instrument } = market;
  const fail = (detail: string) => client.fail('fatal', ENDPOINT, `${instrument.id}: ${detail}`);
  const parsed = rawSymbolFilters.safeParse(market.info);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(`unusable symbol entry (${issue?.path.join('.')}: ${issue?.message})`);
  }
  const find = (type: string) => parsed.data.filters.find((f) => f.filterType === type);
  const positive = (value: string | undefined, what: string): Big => {
    const v = value === undefined ? undefined : new Big(value);
    if (v === undefined || v.lte(0)) throw fail(`${what} is ${value ?? 'missing'}`);
    return v;
  };
  const tick = positive(find('PRICE_FILTER')?.tickSize, 'PRICE_FILTER tickSize');
  const lot = find('LOT_SIZE');
  const step = positive(lot?.stepSize, 'LOT_SIZE stepSize');
  const minQty = new Big(lot?.minQty ?? '0');
  // Some listings say minQty 0: the smallest order is then one step.
  const min = minQty.gt(0) ? minQty : step;
  if (!min.mod(step).eq(0))
    throw fail(`LOT_SIZE minQty ${lot?.minQty} is not a multiple of stepSize ${lot?.stepSize}`);
  const notional = (find('NOTIONAL') ?? find('MIN_NOTIONAL'))?.minNotional;
  return {
    symbol: instrument.id,
    tickSize: tick.toNumber(),
    sizeStep: step.toNumber(),
    minSize: min.toNumber(),
    ...(notional === undefined ? {} : { minNotional: new Big(notional).toNumber() }),
  };
}
