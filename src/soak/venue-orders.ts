// What each fake venue was asked to do, read from its own books (not through the adapters): every
// client id it took an order, close or deal under. A client id taken twice is a duplicate order —
// the one thing an ambiguous answer must never cause (SPEC §10: resolve by querying).
import type { FakeMarket } from '../brokers/fake-market/fake-market.js';

export interface VenueOrderCounts {
  /** Client ids each venue took (orders, OCO lists, deals). */
  readonly clientIds: Record<string, number>;
  /** Client ids taken more than once, per venue. */
  readonly duplicates: Record<string, string[]>;
  /** Entries the venue refused because the client id was already taken (a re-send it caught). */
  readonly refusedResends: Record<string, string[]>;
  /** Every client id some venue took. */
  readonly taken: ReadonlySet<string>;
}

export function venueOrders(market: FakeMarket): VenueOrderCounts {
  const oanda = [...market.oanda.state.ledger.orders.values()].flatMap((o) =>
    o.clientExtensions?.id === undefined ? [] : [o.clientExtensions.id],
  );
  const oandaResends = market.oanda.state.ledger.transactions
    .filter((t) => t.type.endsWith('_ORDER_REJECT') && t.rejectReason === 'CLIENT_ORDER_ID_ALREADY_EXISTS')
    .map((t) => String((t.clientExtensions as { id?: string } | undefined)?.id));
  const exchange = market.binance.exchange;
  const binance = [
    ...[...exchange.orders.values()].map((o) => o.clientOrderId),
    ...[...exchange.lists.values()].map((l) => `list:${l.listClientOrderId}`),
  ];
  const ig = market.ig.venue.deals.flatMap((d) =>
    typeof d.dealReference === 'string' ? [d.dealReference] : [],
  );
  const all = { oanda, binance, ig };
  return {
    clientIds: Object.fromEntries(Object.entries(all).map(([v, ids]) => [v, ids.length])),
    duplicates: Object.fromEntries(Object.entries(all).map(([v, ids]) => [v, repeated(ids)])),
    refusedResends: { oanda: oandaResends, binance: [], ig: [] },
    taken: new Set([...oanda, ...binance, ...ig]),
  };
}

function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice].sort();
}
