// What a venue says about an instrument's trading rules at start-up (SPEC §2): its price
// precision, size step and minimums. Each adapter reads them from its own endpoint; the registry
// refresh (registry-refresh.ts) turns them into a new registry. A field is absent when the venue
// does not report it (IG gives no size step), so the registry's default stands.
import type { SymbolId } from '../domain/instruments/types.js';

export interface VenueInstrumentSpec {
  readonly symbol: SymbolId;
  /** Decimals of a price (OANDA displayPrecision, IG decimalPlacesFactor). */
  readonly pricePrecision?: number;
  /** The price tick (Binance PRICE_FILTER tickSize). */
  readonly tickSize?: number;
  readonly sizeStep?: number;
  readonly minSize?: number;
  /** Minimum order value in the quote currency (Binance NOTIONAL). */
  readonly minNotional?: number;
}

/** An adapter that can answer for its instruments (OandaBroker, BinanceBroker, IgBroker). */
export interface InstrumentSpecSource {
  instrumentSpecs(symbols: readonly SymbolId[]): Promise<readonly VenueInstrumentSpec[]>;
}
