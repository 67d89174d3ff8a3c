// Spot protection (SPEC §2, §10): Binance spot has no position with an attached stop and target,
// so each ticket's bought quantity is protected by a SELL OCO list — a LIMIT_MAKER at the target
// above and a STOP_LOSS (a market order once triggered) at the stop below — or by a lone
// STOP_LOSS or LIMIT_MAKER when only one level is given. The holding is read back from the
// venue's open orders through the legs' client ids (mapping.ts), so nothing here is kept in
// memory and a restart finds every protected ticket again.
import Big from 'big.js';
import type { BinanceClient } from './client.js';
import { formatPrice, type SymbolFilters } from './filters.js';
import { legClientId, listClientId, protectionOf } from './mapping.js';
import { type RawOrder, rawOrder, rawOrderList } from './schemas.js';

/** One protected ticket: the open legs that sell an entry's holding. */
export interface Holding {
  readonly entryClientId: string;
  readonly venueSymbol: string;
  readonly version: number;
  /** What the legs still sell: the holding. */
  readonly qty: Big;
  readonly stop: RawOrder | undefined;
  readonly target: RawOrder | undefined;
  /** The OCO list, when both legs are one. */
  readonly listId: string | undefined;
}

export interface ProtectionLevels {
  readonly stop?: Big | undefined;
  readonly target?: Big | undefined;
}

export const OCO = 'POST /api/v3/orderList/oco';
const ORDER = 'POST /api/v3/order';

/** Groups a symbol's open orders into holdings by the entry id in their client ids. */
export function holdingsOf(open: readonly RawOrder[]): Map<string, Holding> {
  const out = new Map<string, Holding>();
  for (const o of open) {
    const p = protectionOf(o.clientOrderId);
    if (p === undefined || (p.leg !== 's' && p.leg !== 't') || o.side !== 'SELL') continue;
    const seen = out.get(p.entry);
    const left = new Big(o.origQty).minus(o.executedQty);
    out.set(p.entry, {
      entryClientId: p.entry,
      venueSymbol: o.symbol,
      version: p.version,
      qty: seen?.qty.gt(left) === true ? seen.qty : left,
      stop: p.leg === 's' ? o : seen?.stop,
      target: p.leg === 't' ? o : seen?.target,
      listId: o.orderListId === '-1' ? seen?.listId : o.orderListId,
    });
  }
  return out;
}

export class Protector {
  constructor(private readonly client: BinanceClient) {}

  /** Places the legs selling `qty` of the entry `entryClientId`, version `version`. */
  async place(
    f: SymbolFilters,
    entryClientId: string,
    version: number,
    qty: string,
    levels: ProtectionLevels,
  ): Promise<void> {
    const { stop, target } = levels;
    const ex = this.client.exchange;
    const base = { symbol: f.venueSymbol, side: 'SELL', quantity: qty };
    if (stop !== undefined && target !== undefined) {
      const params = {
        ...base,
        listClientOrderId: listClientId(entryClientId, version),
        aboveType: 'LIMIT_MAKER',
        abovePrice: formatPrice(f, target),
        aboveClientOrderId: legClientId(entryClientId, 't', version),
        belowType: 'STOP_LOSS',
        belowStopPrice: formatPrice(f, stop),
        belowClientOrderId: legClientId(entryClientId, 's', version),
        newOrderRespType: 'FULL',
      };
      const res = await this.client.call(OCO, true, () => ex.privatePostOrderListOco(params));
      this.client.parse(rawOrderList, res, OCO, true);
      return;
    }
    const single =
      stop !== undefined
        ? {
            type: 'STOP_LOSS',
            stopPrice: formatPrice(f, stop),
            newClientOrderId: legClientId(entryClientId, 's', version),
          }
        : target !== undefined
          ? {
              type: 'LIMIT_MAKER',
              price: formatPrice(f, target),
              newClientOrderId: legClientId(entryClientId, 't', version),
            }
          : undefined;
    if (single === undefined) return;
    const res = await this.client.call(ORDER, true, () => ex.privatePostOrder({ ...base, ...single }));
    this.client.parse(rawOrder, res, ORDER, true);
  }

  /** Cancels a holding's legs (the list at once when they are one), freeing the base asset. */
  async cancel(h: Holding): Promise<void> {
    const ex = this.client.exchange;
    if (h.listId !== undefined) {
      const endpoint = 'DELETE /api/v3/orderList';
      const listId = h.listId;
      await this.client.call(endpoint, true, () =>
        ex.privateDeleteOrderList({ symbol: h.venueSymbol, orderListId: listId }),
      );
      return;
    }
    for (const leg of [h.stop, h.target]) {
      if (leg === undefined) continue;
      await this.client.call('DELETE /api/v3/order', true, () =>
        ex.privateDeleteOrder({ symbol: leg.symbol, orderId: leg.orderId }),
      );
    }
  }
}
