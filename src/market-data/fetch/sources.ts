// Which venue serves an instrument's history (its registry data source) and how to reach it from
// the configuration. Only OANDA needs a credential for candles: Binance klines and Yahoo charts
// are public, so no key is demanded for them.
import { BinanceBroker } from '../../brokers/binance/binance-broker.js';
import { YahooCandles } from '../../brokers/ig/yahoo-candles.js';
import { CandleReader } from '../../brokers/oanda/candle-reader.js';
import { OandaHttp } from '../../brokers/oanda/http.js';
import type { Config } from '../../config/schema.js';
import { VENUE_BASE_URLS } from '../../config/vars/brokers.js';
import { ConfigError } from '../../domain/errors.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { CandleSource } from './candle-source.js';

export function candleSourceFor(
  instrument: Instrument,
  config: Config,
  registry: InstrumentRegistry,
  now: () => number,
): CandleSource {
  switch (instrument.dataSource) {
    case 'oanda': {
      const token = config.OANDA_API_TOKEN;
      if (token === undefined) {
        throw new ConfigError([
          { variable: 'OANDA_API_TOKEN', message: `needed to fetch ${instrument.id} candles from OANDA` },
        ]);
      }
      // Practice and live accounts see the same prices; the practice host unless MODE=live.
      const baseUrl =
        config.OANDA_BASE_URL ?? VENUE_BASE_URLS.oanda[config.MODE === 'live' ? 'live' : 'paper'];
      const reader = new CandleReader(new OandaHttp({ baseUrl, token }), token);
      return { name: 'oanda', pages: (i, tf, from, to) => reader.range(i, tf, from, to) };
    }
    case 'binance': {
      // The spot testnet trades its own thin book, so its klines are not the market's: history
      // comes from the real (public) venue unless BINANCE_BASE_URL points elsewhere.
      const broker = new BinanceBroker({
        apiKey: config.BINANCE_API_KEY ?? '',
        secret: config.BINANCE_API_SECRET ?? '',
        ...(config.BINANCE_BASE_URL === undefined ? { live: true } : { baseUrl: config.BINANCE_BASE_URL }),
        registry,
        symbols: [instrument.id],
        now,
      });
      return { name: 'binance', pages: (i, tf, from, to) => broker.candlePages(i.id, tf, from, to) };
    }
    case 'yahoo': {
      const yahoo = new YahooCandles({ baseUrl: config.YAHOO_BASE_URL }, now);
      return { name: 'yahoo', pages: (i, tf, from, to) => yahoo.range(i, tf, from, to) };
    }
  }
}
