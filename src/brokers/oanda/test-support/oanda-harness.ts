// The OANDA adapter as a contract-suite venue: the real client against the fake server, on
// EUR_USD from Tuesday 2026-01-06 10:00 UTC. Tick-driven: orders fill on placement and the
// fake's prices walk through each bar, so a bar touching stop and target fills the first passed.
import Big from 'big.js';
import { defaultRegistry } from '../../../domain/instruments/index.js';
import type { ContractHarness } from '../../contract/broker-contract-harness.js';
import { type FakeOanda, startFakeOanda } from '../fake/fake-server.js';
import { OandaBroker, type OandaBrokerOptions } from '../oanda-broker.js';

export const HARNESS_START = Date.parse('2026-01-06T10:00:00Z');
export const EUR_USD = {
  name: 'EUR_USD',
  displayPrecision: 5,
  tradeUnitsPrecision: 0,
  halfSpread: '0.00007',
};

export async function oandaHarness(
  over: Partial<OandaBrokerOptions> = {},
): Promise<ContractHarness & { broker: OandaBroker; fake: FakeOanda }> {
  const fake = await startFakeOanda([EUR_USD], { start: HARNESS_START });
  fake.setMid('EUR_USD', 1.1);
  const broker = new OandaBroker({
    baseUrl: fake.baseUrl,
    token: fake.token,
    accountId: fake.accountId,
    registry: defaultRegistry,
    timeoutMs: 1000,
    now: () => fake.state.ledger.now,
    ...over,
  });
  const instrument = defaultRegistry.get('EUR_USD');
  return {
    broker,
    fake,
    symbol: instrument.id,
    instrument,
    referencePrice: 1.1,
    qty: new Big(10_000),
    market: {
      async next(move) {
        fake.nextBar('EUR_USD', move);
      },
    },
    faults: {
      loseNextResponse: () => fake.faults.arm('createOrder', { kind: 'loseResponse' }),
      failPositionsQuery: () => fake.faults.arm('openTrades', { kind: 'serverError' }),
    },
    capabilities: { barDriven: false, stopFirstInsideBar: false },
    teardown: async () => {
      await broker.close();
      await fake.close();
    },
  };
}
