// Quantity arithmetic of one order, exact with big.js: what our de-duplicated fills and the venue's
// cumulative reports add up to, capped at the order's qty with any excess kept as an overfill.
import type Big from 'big.js';
import type { FillTotals, OrderSnapshot, ReportedTotals } from './order-events.js';

export type Quantities = Pick<
  OrderSnapshot,
  'fills' | 'reported' | 'filledQty' | 'overfill' | 'avgFillPrice'
>;

export function quantities(qty: Big, fills: FillTotals, reported: ReportedTotals): Quantities {
  // Fills and reports describe the same executions, so the larger one is the truth (never the sum).
  const total = fills.qty.gt(reported.qty) ? fills.qty : reported.qty;
  const fillsAvg = fills.qty.gt(0) ? fills.notional.div(fills.qty) : undefined;
  // Our own fills give the exact average once they cover what the venue reported.
  const avgFillPrice =
    fills.qty.gt(0) && fills.qty.gte(reported.qty) ? fillsAvg : (reported.avgPrice ?? fillsAvg);
  return {
    fills,
    reported,
    filledQty: total.gt(qty) ? qty : total,
    overfill: total.gt(qty) ? total.minus(qty) : undefined,
    avgFillPrice,
  };
}

/** The quantity the venue executed for this order, overfill included (the real exposure). */
export function executedQty(order: Pick<OrderSnapshot, 'filledQty' | 'overfill'>): Big {
  return order.overfill === undefined ? order.filledQty : order.filledQty.plus(order.overfill);
}

const same = (a: Big | undefined, b: Big | undefined) =>
  a === undefined ? b === undefined : b !== undefined && a.eq(b);

/** Whether an event changed anything worth a transition (the time alone is not). */
export function sameContent(a: OrderSnapshot, b: OrderSnapshot): boolean {
  return (
    a.state === b.state &&
    a.venueOrderId === b.venueOrderId &&
    a.reason === b.reason &&
    a.fills.tradeIds.length === b.fills.tradeIds.length &&
    a.reported.qty.eq(b.reported.qty) &&
    same(a.reported.avgPrice, b.reported.avgPrice)
  );
}
