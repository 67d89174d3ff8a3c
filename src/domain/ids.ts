import type { Brand } from './brand.js';

export type { SymbolId } from './instruments/types.js';

/** ≤ 30 chars of [A-Za-z0-9_-], deterministic from the intent (SPEC §10). */
export type ClientOrderId = Brand<string, 'ClientOrderId'>;
export type VenueOrderId = Brand<string, 'VenueOrderId'>;
/** The venue's id of one execution; fills are de-duplicated by it. */
export type TradeId = Brand<string, 'TradeId'>;
export type SignalId = Brand<string, 'SignalId'>;
export type SetupId = Brand<string, 'SetupId'>;
export type PositionId = Brand<string, 'PositionId'>;

const CLIENT_ID = /^[A-Za-z0-9_-]{1,30}$/;

export function isClientOrderId(value: string): value is ClientOrderId {
  return CLIENT_ID.test(value);
}

export function clientOrderId(value: string): ClientOrderId {
  if (!isClientOrderId(value)) {
    throw new RangeError(`client order id must be 1–30 characters of [A-Za-z0-9_-], got "${value}"`);
  }
  return value;
}
