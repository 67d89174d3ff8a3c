// The Binance adapter as a contract-suite venue: the real ccxt client against the fake server,
// on BTC/USDT from Tuesday 2026-01-06 10:00 UTC. Tick-driven: market orders fill on placement and
// the fake's prices walk through each bar, so a bar touching stop and target fills the first passed.
import Big from 'big.js';
import type { SymbolId } from '../../../domain/ids.js';
import { defaultRegistry } from '../../../domain/instruments/index.js';
import type { ContractHarness } from '../../contract/broker-contract-harness.js';
import { BinanceBroker, type BinanceBrokerOptions } from '../binance-broker.js';
import type { FakeSymbol } from '../fake/fake-exchange.js';
import { type FakeBinance, startFakeBinance } from '../fake/fake-server.js';

export const HARNESS_START = Date.parse('2026-01-06T10:00:00Z');
export const BTCUSDT: FakeSymbol = {
  symbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  tickSize: '0.01000000',
  stepSize: '0.00001000',
  minNotional: '5.00000000',
  halfSpread: '1.00',
};
export const ETHUSDT: FakeSymbol = {
  symbol: 'ETHUSDT',
  base: 'ETH',
  quote: 'USDT',
  tickSize: '0.01000000',
  stepSize: '0.00010000',
  minNotional: '5.00000000',
  halfSpread: '0.10',
};

export async function binanceHarness(
  over: Partial<BinanceBrokerOptions> = {},
): Promise<ContractHarness & { broker: BinanceBroker; fake: FakeBinance }> {
  const fake = await startFakeBinance([BTCUSDT, ETHUSDT], { start: HARNESS_START });
  fake.setMid('BTCUSDT', 50_000);
  fake.setMid('ETHUSDT', 3_000);
  const broker = new BinanceBroker({
    baseUrl: fake.baseUrl,
    apiKey: fake.apiKey,
    secret: fake.secret,
    registry: defaultRegistry,
    symbols: ['BTC/USDT', 'ETH/USDT'] as SymbolId[],
    timeoutMs: 1000,
    enableRateLimit: false,
    now: () => fake.exchange.now,
    ...over,
  });
  const instrument = defaultRegistry.get('BTC/USDT');
  return {
    broker,
    fake,
    symbol: instrument.id,
    instrument,
    referencePrice: 50_000,
    qty: new Big('0.01'),
    noShort: { symbol: defaultRegistry.get('ETH/USDT').id, qty: new Big('0.1') },
    market: {
      async next(move) {
        fake.nextBar('BTCUSDT', move);
      },
    },
    faults: {
      loseNextResponse: () => fake.faults.arm('createOrder', { kind: 'loseResponse' }),
      failPositionsQuery: () => fake.faults.arm('openOrders', { kind: 'serverError' }),
    },
    capabilities: { barDriven: false, stopFirstInsideBar: false },
    teardown: async () => {
      await broker.close();
      await fake.close();
    },
  };
}
