// The 36 instruments of SPEC §2, in its order; adding one is one entry here.
// Provenance: ticks, steps and minimums are start-up defaults from the venues' usual values
// (OANDA displayPrecision/tradeUnitsPrecision, Binance PRICE_FILTER/LOT_SIZE, IG dealing
// rules), remembered rather than fetched, which paper/live refresh at start-up (`withOverrides`).
// Where unsure the coarser tick/step was chosen: it is valid either way. IG epics come from
// public IG client code (several independent repositories agree), not from brokers.md.
// Spreads are typical retail quotes in price units; slippage in bps is a judgement call.
import { binanceSpot, igUsStock, oandaCfd, oandaFx } from './builders.js';
import { CorrelationGroup as G, long } from './correlation.js';
import { ASX_SPI, EUREX, ICE_FTSE } from './session-schedules.js';
import type { Instrument } from './types.js';

const index = (correlation: typeof G.usEquityIndices | typeof G.globalEquityIndices) => ({
  assetClass: 'index' as const,
  maxLeverage: 20,
  slippageBps: 1,
  correlation: long(correlation),
});
const commodity = { assetClass: 'commodity' as const, maxLeverage: 10 };

export const CATALOG: readonly Instrument[] = [
  // Binance spot (ccxt symbols)
  binanceSpot('BTC', 'Bitcoin', { tick: 0.01, step: 0.00001, spread: 0.02, slippageBps: 2 }),
  binanceSpot('ETH', 'Ether', { tick: 0.01, step: 0.0001, spread: 0.02, slippageBps: 2 }),
  binanceSpot('SOL', 'Solana', { tick: 0.01, step: 0.001, spread: 0.01, slippageBps: 3 }),
  binanceSpot('DOGE', 'Dogecoin', { tick: 0.00001, step: 1, spread: 0.00001, slippageBps: 5 }),

  // OANDA FX (spread in price units: 0.00014 = 1.4 pips)
  oandaFx('EUR', 'USD', 'EUR/USD', 0.00014),
  oandaFx('GBP', 'USD', 'GBP/USD', 0.0002),
  oandaFx('USD', 'JPY', 'USD/JPY', 0.014),
  oandaFx('AUD', 'USD', 'AUD/USD', 0.00014),
  oandaFx('USD', 'CAD', 'USD/CAD', 0.0002),
  oandaFx('USD', 'CHF', 'USD/CHF', 0.0002),
  oandaFx('NZD', 'USD', 'NZD/USD', 0.0002),
  oandaFx('EUR', 'JPY', 'EUR/JPY', 0.02),
  oandaFx('EUR', 'GBP', 'EUR/GBP', 0.00016),

  // OANDA indices
  oandaCfd('SPX500_USD', 'US SPX 500', { ...index(G.usEquityIndices), tick: 0.1, spread: 0.5 }),
  oandaCfd('NAS100_USD', 'US Nas 100', { ...index(G.usEquityIndices), tick: 0.1, spread: 1.5 }),
  oandaCfd('US30_USD', 'US Wall St 30', { ...index(G.usEquityIndices), tick: 0.1, spread: 3 }),
  oandaCfd('UK100_GBP', 'UK 100', {
    ...index(G.globalEquityIndices),
    tick: 0.1,
    spread: 1,
    session: ICE_FTSE,
  }),
  oandaCfd('DE30_EUR', 'Germany 30', {
    ...index(G.globalEquityIndices),
    tick: 0.1,
    spread: 1.5,
    session: EUREX,
  }),
  oandaCfd('JP225_USD', 'Japan 225', { ...index(G.globalEquityIndices), tick: 1, spread: 10 }),
  oandaCfd('AU200_AUD', 'Australia 200', {
    ...index(G.globalEquityIndices),
    tick: 0.1,
    spread: 1.5,
    session: ASX_SPI,
  }),

  // OANDA commodities (gold 20× per SPEC §2; other commodities 10×)
  oandaCfd('XAU_USD', 'Gold', {
    assetClass: 'metal',
    maxLeverage: 20,
    tick: 0.001,
    spread: 0.5,
    slippageBps: 1,
    correlation: long(G.preciousMetals),
  }),
  oandaCfd('XAG_USD', 'Silver', {
    assetClass: 'metal',
    maxLeverage: 10,
    tick: 0.00001,
    spread: 0.03,
    slippageBps: 2,
    correlation: long(G.preciousMetals),
  }),
  oandaCfd('BCO_USD', 'Brent Crude Oil', {
    ...commodity,
    tick: 0.001,
    spread: 0.03,
    slippageBps: 2,
    correlation: long(G.energy),
  }),
  oandaCfd('WTICO_USD', 'West Texas Oil', {
    ...commodity,
    tick: 0.001,
    spread: 0.03,
    slippageBps: 2,
    correlation: long(G.energy),
  }),
  oandaCfd('NATGAS_USD', 'Natural Gas', {
    ...commodity,
    tick: 0.001,
    spread: 0.01,
    slippageBps: 5,
    correlation: long(G.energy),
  }),
  oandaCfd('XCU_USD', 'Copper', {
    ...commodity,
    tick: 0.00001,
    spread: 0.004,
    slippageBps: 3,
    correlation: long(G.industrialMetals),
  }),

  // OANDA bonds (5×: "other" underlyings for retail leverage)
  oandaCfd('USB10Y_USD', 'US 10Y T-Note', {
    assetClass: 'bond',
    maxLeverage: 5,
    tick: 0.001,
    spread: 0.03,
    slippageBps: 1,
    correlation: long(G.bonds),
  }),
  oandaCfd('DE10YB_EUR', 'Bund', {
    assetClass: 'bond',
    maxLeverage: 5,
    tick: 0.001,
    spread: 0.03,
    slippageBps: 1,
    correlation: long(G.bonds),
    session: EUREX,
  }),

  // IG US share CFDs: canonical id = Yahoo ticker; venue symbol = IG epic (META keeps IG's old FB code)
  igUsStock('NVDA', 'UC.D.NVDA.CASH.IP', 'NVIDIA', 0.02),
  igUsStock('AAPL', 'UA.D.AAPL.CASH.IP', 'Apple', 0.02),
  igUsStock('MSFT', 'UC.D.MSFT.CASH.IP', 'Microsoft', 0.04),
  igUsStock('AMZN', 'UA.D.AMZN.CASH.IP', 'Amazon', 0.02),
  igUsStock('TSLA', 'UD.D.TSLA.CASH.IP', 'Tesla', 0.06),
  igUsStock('META', 'UB.D.FB.CASH.IP', 'Meta Platforms', 0.06),
  igUsStock('GOOGL', 'UB.D.GOOGL.CASH.IP', 'Alphabet (Class A)', 0.02),
  igUsStock('AVGO', 'UA.D.AVGO.CASH.IP', 'Broadcom', 0.06),
];
