// The IG adapter as a contract-suite venue: the real client against the fake IG server (and the
// fake Yahoo for candles), on AAPL from Tuesday 2026-01-06 15:00 UTC (10:00 New York).
// Tick-driven: market deals fill on placement and the fake's prices walk through each bar.
import Big from 'big.js';
import type { ClientOrderId } from '../../../domain/ids.js';
import { defaultRegistry } from '../../../domain/instruments/index.js';
import type { OrderIntent } from '../../../domain/order.js';
import type { ContractHarness } from '../../contract/broker-contract-harness.js';
import { type FakeIg, startFakeIg } from '../fake/fake-server.js';
import type { FakeEpic } from '../fake/fake-venue.js';
import { type FakeYahoo, startFakeYahoo } from '../fake/fake-yahoo.js';
import { IgBroker, type IgBrokerOptions } from '../ig-broker.js';

export const HARNESS_START = Date.parse('2026-01-06T15:00:00Z');
export const AAPL_EPIC: FakeEpic = {
  epic: 'UA.D.AAPL.CASH.IP',
  halfSpread: '0.01',
  currency: 'USD',
  share: true,
};
/** A non-share epic for /prices (none is in the registry: IG trades only shares here). */
export const GOLD_EPIC: FakeEpic = {
  epic: 'CS.D.CFDGOLD.CFDGC.IP',
  halfSpread: '0.3',
  currency: 'USD',
  share: false,
};

export async function igHarness(over: Partial<IgBrokerOptions> = {}): Promise<
  ContractHarness & {
    broker: IgBroker;
    fake: FakeIg;
    yahoo: FakeYahoo;
    /** Another client of the same fake account, as a restarted process makes it (close it); `more` overrides options. */
    connect(more?: Partial<IgBrokerOptions>): IgBroker;
  }
> {
  const fake = await startFakeIg([AAPL_EPIC, GOLD_EPIC], { start: HARNESS_START });
  const yahoo = await startFakeYahoo();
  fake.setMid(AAPL_EPIC.epic, 200);
  fake.setMid(GOLD_EPIC.epic, 2000);
  const connect = (more: Partial<IgBrokerOptions> = {}) =>
    new IgBroker({
      baseUrl: fake.baseUrl,
      apiKey: fake.apiKey,
      identifier: fake.identifier,
      password: fake.password,
      registry: defaultRegistry,
      yahoo: { baseUrl: yahoo.baseUrl },
      timeoutMs: 1000,
      confirmDelayMs: 20,
      now: () => fake.venue.now,
      ...over,
      ...more,
    });
  const broker = connect();
  const instrument = defaultRegistry.get('AAPL');
  return {
    broker,
    fake,
    yahoo,
    connect,
    symbol: instrument.id,
    instrument,
    referencePrice: 200,
    qty: new Big(10),
    market: {
      async next(move) {
        fake.nextBar(AAPL_EPIC.epic, move);
      },
    },
    faults: {
      loseNextResponse: () => fake.faults.arm('openPosition', { kind: 'loseResponse' }),
      failPositionsQuery: () => fake.faults.arm('positions', { kind: 'serverError' }),
    },
    capabilities: { barDriven: false, stopFirstInsideBar: false },
    teardown: async () => {
      await broker.close();
      await fake.close();
      await yahoo.close();
    },
  };
}

/** A market buy of AAPL with the stop and target the IG tests use (the fake's mid is 200). */
export function aaplEntry(clientId: ClientOrderId, over: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientId,
    kind: 'entry',
    broker: 'ig',
    symbol: defaultRegistry.get('AAPL').id,
    side: 'buy',
    orderKind: 'market',
    qty: new Big(10),
    stop: new Big('196.00'),
    target: new Big('204.00'),
    ...over,
  };
}
