// The three venues' fakes (OANDA, Binance, IG with Yahoo) over one market, for `divbot fakes` and
// the paper-mode tests: each instrument's bars are revealed as the market's time passes them,
// walked through each fake so resting stops and targets fill as they would at the venue.
import Big from 'big.js';
import type { Candle } from '../../domain/candle.js';
import { defaultRegistry, type Instrument } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { type FakeBinance, startFakeBinance } from '../binance/fake/fake-server.js';
import { type FakeIg, startFakeIg } from '../ig/fake/fake-server.js';
import { type FakeYahoo, startFakeYahoo } from '../ig/fake/fake-yahoo.js';
import { type FakeOanda, startFakeOanda } from '../oanda/fake/fake-server.js';
import type { MarketSeries } from './market-series.js';

export interface FakeMarket {
  /** The variables a paper run needs to trade against these fakes (base URLs and credentials). */
  readonly env: Readonly<Record<string, string>>;
  readonly oanda: FakeOanda;
  readonly binance: FakeBinance;
  readonly ig: FakeIg;
  readonly yahoo: FakeYahoo;
  /** The market's time: bars closed by then have been revealed. */
  readonly now: number;
  /** Reveals every bar that closed by `t`, in time order, and moves the venues' clocks to `t`. */
  advanceTo(t: number): void;
  close(): Promise<void>;
}

export async function startFakeMarket(series: readonly MarketSeries[], start: number): Promise<FakeMarket> {
  const instruments = series.map((s) => defaultRegistry.get(s.symbol));
  const on = (b: string) => instruments.filter((i) => i.broker === b);
  const oanda = await startFakeOanda(
    on('oanda').map((i) => ({
      name: i.venueSymbol,
      displayPrecision: i.pricePrecision,
      tradeUnitsPrecision: decimals(i.sizeStep),
      halfSpread: half(i),
      minimumTradeSize: String(i.minSize),
    })),
    { start },
  );
  const binance = await startFakeBinance(
    on('binance').map((i) => ({
      symbol: i.venueSymbol.replace('/', ''),
      base: i.baseAsset,
      quote: i.quoteCurrency,
      tickSize: new Big(i.tickSize).toFixed(8),
      stepSize: new Big(i.sizeStep).toFixed(8),
      minNotional: new Big(i.minNotional ?? 5).toFixed(8),
      halfSpread: half(i),
    })),
    { start },
  );
  const ig = await startFakeIg(
    on('ig').map((i) => ({
      epic: i.venueSymbol,
      halfSpread: half(i),
      currency: i.quoteCurrency,
      share: i.assetClass === 'stock',
    })),
    { start },
  );
  const yahoo = await startFakeYahoo();

  const feeds = series.map((s) => ({ instrument: defaultRegistry.get(s.symbol), bars: s.bars, next: 0 }));
  let now = start;
  const setClocks = (t: number) => {
    oanda.state.ledger.now = t;
    binance.exchange.now = t;
    ig.venue.now = t;
  };
  const reveal = (instrument: Instrument, bar: Candle) => {
    setClocks(bar.time);
    const move = { open: bar.open, high: bar.high, low: bar.low, close: bar.close };
    if (instrument.broker === 'oanda') oanda.nextBar(instrument.venueSymbol, move);
    else if (instrument.broker === 'binance') binance.nextBar(instrument.venueSymbol.replace('/', ''), move);
    else {
      ig.nextBar(instrument.venueSymbol, move);
      const ticker = instrument.yahooTicker ?? instrument.id;
      const list = yahoo.bars.get(ticker) ?? [];
      list.push({ ...move, time: bar.time, volume: bar.volume ?? 0 });
      yahoo.bars.set(ticker, list);
    }
  };
  const advanceTo = (t: number) => {
    for (;;) {
      // The earliest unrevealed bar across instruments that has closed by t.
      let best: (typeof feeds)[number] | undefined;
      for (const f of feeds) {
        const bar = f.bars[f.next];
        if (bar === undefined || bar.time + HOUR_MS > t) continue;
        if (best === undefined || bar.time < best.bars[best.next]!.time) best = f;
      }
      if (best === undefined) break;
      reveal(best.instrument, best.bars[best.next++]!);
    }
    now = Math.max(now, t);
    setClocks(now);
  };
  advanceTo(start);

  const env: Record<string, string> = {
    BROKERS: [...new Set(instruments.map((i) => i.broker))].join(','),
    SYMBOLS: instruments.map((i) => i.id).join(','),
    OANDA_BASE_URL: oanda.baseUrl,
    OANDA_API_TOKEN: oanda.token,
    OANDA_ACCOUNT_ID: oanda.accountId,
    BINANCE_BASE_URL: binance.baseUrl,
    BINANCE_API_KEY: binance.apiKey,
    BINANCE_API_SECRET: binance.secret,
    IG_BASE_URL: ig.baseUrl,
    IG_API_KEY: ig.apiKey,
    IG_USERNAME: ig.identifier,
    IG_PASSWORD: ig.password,
    IG_ACCOUNT_ID: 'ABC123',
    YAHOO_BASE_URL: yahoo.baseUrl,
  };
  return {
    env,
    oanda,
    binance,
    ig,
    yahoo,
    get now() {
      return now;
    },
    advanceTo,
    close: async () => {
      await Promise.all([oanda.close(), binance.close(), ig.close(), yahoo.close()]);
    },
  };
}

/** Half the instrument's typical spread, as the fakes quote it. */
const half = (i: Instrument) => new Big(i.costs.spread).div(2).toString();

function decimals(step: number): number {
  const s = new Big(step).toString();
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
