// The simulated venue survives its process: every change is in the log before the call returns,
// and a fresh broker replaying the log is the same venue (orders, tickets, fills, cash) and
// goes on exactly like the original.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Big from 'big.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import type { Candle } from '../../domain/candle.js';
import { RejectedError } from '../../domain/errors.js';
import { clientOrderId } from '../../domain/ids.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { SimulatedBroker } from './simulated-broker.js';
import { plain, QUIET_START, scenario } from './test-support/scenario.js';
import { VenueLog } from './venue-log.js';

const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'divbot-venue-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const PARAMS = { accountCurrency: 'USD', startingCash: 100_000, limitEntryBars: 3 };

/** 48 hourly bars drifting up then down: targets, stops and trailing all get exercised. */
function series(base: number, step: number): Candle[] {
  return Array.from({ length: 48 }, (_, i) => {
    const mid = base + step * (i < 24 ? i : 48 - i);
    return {
      time: QUIET_START + i * HOUR_MS,
      open: mid,
      high: mid + step,
      low: mid - step,
      close: mid,
      volume: null,
    };
  });
}
const EUR = series(1.1, 0.0005);
const BTC = series(30_000, 50);

function venue(path: string, now = QUIET_START) {
  const clock = new SimulatedClock(now);
  const log = VenueLog.open(path, PARAMS);
  const broker = new SimulatedBroker({
    clock,
    registry: defaultRegistry,
    ...PARAMS,
    accountCurrency: 'USD',
    journal: log,
  });
  broker.loadSeries('EUR_USD', '1h', EUR);
  broker.loadSeries('BTC/USDT', '1h', BTC);
  return { clock, log, broker };
}

async function state(broker: SimulatedBroker) {
  return {
    open: (await broker.fetchOpenOrders()).map((o) => ({
      ...o,
      qty: o.qty.toString(),
      filledQty: `${o.filledQty}`,
    })),
    positions: (await broker.fetchPositions()).map((p) => ({ ...p, qty: `${p.qty}`, stop: `${p.stop}` })),
    fills: (await broker.fetchFills(0)).map(plain),
    balance: await broker.fetchBalance(),
    closed: broker.closedPositions().map((c) => ({ ref: c.ref, exits: c.exits.length, pnl: c.grossPnl })),
  };
}

describe('VenueLog and SimulatedBroker.replay', () => {
  it('rebuilds the venue from its log, and the rebuilt one goes on like the original', async () => {
    const path = join(tempDir(), 'venue.jsonl');
    const a = venue(path);
    const s = scenario(); // only for its intent builder
    const at = async (h: number) => {
      await a.clock.advanceTo(QUIET_START + h * HOUR_MS);
      a.broker.replayTo();
    };
    await at(2);
    await a.broker.placeOrder(s.intent('EUR_USD', { qty: 10_000, stop: '1.095', target: '1.1045' }));
    await a.broker.placeOrder(s.intent('BTC/USDT', { qty: '0.5', stop: '29500', target: '31000' }));
    await expect(
      a.broker.placeOrder(s.intent('BTC/USDT', { qty: '0.01', side: 'sell' })),
    ).rejects.toBeInstanceOf(RejectedError);
    await a.broker.placeOrder(s.intent('EUR_USD', { qty: 5_000, orderKind: 'limit', price: '1.05' }), {
      expiresAfterBars: 10,
    });
    await at(4);
    const [btc] = (await a.broker.fetchPositions()).filter((p) => p.symbol === 'BTC/USDT');
    await a.broker.amendProtection({ ref: btc!.ref, symbol: btc!.symbol }, { stop: new Big('30100') });
    const limit = (await a.broker.fetchOpenOrders()).find((o) => o.kind === 'limit')!;
    await a.broker.cancelOrder({ venueOrderId: limit.venueOrderId });
    await at(6);
    const [eur] = (await a.broker.fetchPositions()).filter((p) => p.symbol === 'EUR_USD');
    await a.broker.closePosition(
      { ref: eur!.ref, symbol: eur!.symbol },
      { clientId: clientOrderId('close-1'), qty: new Big(4_000) },
    );
    await at(9);
    a.log.close();

    const b = venue(path, a.clock.now());
    const last = b.broker.replay(b.log.ops);
    expect(last).toBeLessThanOrEqual(a.clock.now());
    b.broker.replayTo(); // the bars after the last change come from the data, as they did for a
    expect(await state(b.broker)).toEqual(await state(a.broker));
    expect(b.log.ops.map((o) => o.op)).toEqual([
      'replay',
      'place',
      'place',
      'place',
      'place',
      'replay',
      'amend',
      'cancel',
      'replay',
      'close',
    ]);

    // Both go on to the end of the data: the same trades.
    for (const v of [a, b]) {
      await v.clock.advanceTo(QUIET_START + 48 * HOUR_MS);
      v.broker.replayTo();
    }
    expect(await state(b.broker)).toEqual(await state(a.broker));
    b.log.close();
  });

  it('drops a last line cut off by a kill, refuses a damaged one and a log of another venue', () => {
    const dir = tempDir();
    const path = join(dir, 'venue.jsonl');
    const a = venue(path, QUIET_START + 3 * HOUR_MS);
    a.broker.onBars([
      { symbol: 'EUR_USD', bar: EUR[0]! },
      { symbol: 'BTC/USDT', bar: BTC[0]! },
    ]);
    a.log.close();
    appendFileSync(path, '{"op":"bars","now":1,"ba');
    const b = VenueLog.open(path, PARAMS);
    expect(b.ops).toHaveLength(1);
    b.close();
    expect(readFileSync(path, 'utf8').endsWith('}\n'), 'the cut line is gone').toBe(true);
    expect(() => VenueLog.open(path, { ...PARAMS, startingCash: 5 })).toThrow(/written for another venue/);
    writeFileSync(path, `${readFileSync(path, 'utf8')}not json\n{"op":"replay","to":1}\n`);
    expect(() => VenueLog.open(path, PARAMS)).toThrow(/venue.jsonl:3: not a venue log line/);
  });

  it('writes a market move only together with the next change', async () => {
    const path = join(tempDir(), 'venue.jsonl');
    const a = venue(path);
    await a.clock.advanceTo(QUIET_START + 5 * HOUR_MS);
    expect(a.broker.replayTo()).toBe(10);
    expect(readFileSync(path, 'utf8').trim().split('\n'), 'only the header').toHaveLength(1);
    a.log.close();
  });
});
