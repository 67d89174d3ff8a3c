// Price levels and intents the contract suite builds from a harness, in venue-neutral terms:
// everything is a multiple of 1% of the reference price, on the instrument's tick.
import Big from 'big.js';
import type { VenuePosition } from '../../domain/broker.js';
import { type ClientOrderId, clientOrderId } from '../../domain/ids.js';
import type { Fill, OrderIntent } from '../../domain/order.js';
import type { BarMove, ContractHarness } from './broker-contract-harness.js';

export interface Levels {
  /** The reference mid, on the tick. */
  readonly mid: number;
  /** `mid + n × 1%`, on the tick, as a number (for bars) and as Big (for orders). */
  at(n: number): number;
  price(n: number): Big;
  /** A bar around mid moving at most 0.3%: touches nothing the suite places. */
  readonly quiet: BarMove;
  bar(low: number, high: number, close?: number): BarMove;
}

export function levelsFor(h: ContractHarness): Levels {
  const tick = new Big(h.instrument.tickSize);
  const onTick = (x: number) => new Big(x).div(tick).round(0, Big.roundHalfUp).times(tick);
  const mid = onTick(h.referencePrice).toNumber();
  const unit = h.referencePrice / 100;
  const price = (n: number) => onTick(mid + n * unit);
  const at = (n: number) => price(n).toNumber();
  const bar = (low: number, high: number, close = 0): BarMove => ({
    open: mid,
    high: at(high),
    low: at(low),
    close: at(close),
  });
  return { mid, at, price, quiet: bar(-0.3, 0.3), bar };
}

let sequence = 0;
/** A fresh client id per call (tests in one file share a module, so ids never collide). */
export const newClientId = (label: string): ClientOrderId => clientOrderId(`ct-${label}-${++sequence}`);

/** A market long with the stop 2% below and the target 2% above the reference mid. */
export function longEntry(h: ContractHarness, levels: Levels, over: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientId: newClientId('long'),
    kind: 'entry',
    broker: h.instrument.broker,
    symbol: h.symbol,
    side: 'buy',
    orderKind: 'market',
    qty: h.qty,
    stop: levels.price(-2),
    target: levels.price(2),
    ...over,
  };
}

export function shortEntry(h: ContractHarness, levels: Levels, over: Partial<OrderIntent> = {}): OrderIntent {
  return longEntry(h, levels, { side: 'sell', stop: levels.price(2), target: levels.price(-2), ...over });
}

export async function positionOf(h: ContractHarness, clientId: ClientOrderId): Promise<VenuePosition[]> {
  return (await h.broker.fetchPositions()).filter((p) => p.clientId === clientId);
}

/** The fills that closed a position: the opposite side, in the position's symbol, after its entry. */
export async function exitFills(h: ContractHarness, position: VenuePosition): Promise<Fill[]> {
  const side = position.direction === 'long' ? 'sell' : 'buy';
  const fills = await h.broker.fetchFills(position.openedAt);
  return fills.filter((f) => f.symbol === position.symbol && f.side === side);
}

export const sum = (values: readonly Big[]): Big => values.reduce((a, b) => a.plus(b), new Big(0));
