// Orders by venue id or by `@clientId`, with the fill that completes their view, and the two
// order calls that act on an existing order: cancel and tagging a trade-close order.
import type { OrderRef, VenueOrder } from '../../domain/broker.js';
import type { ClientOrderId } from '../../domain/ids.js';
import type { SymbolId } from '../../domain/instruments/types.js';
import { oandaError } from './errors.js';
import type { OandaHttp, OandaResponse } from './http.js';
import { orderView } from './mapping.js';
import { errorBody, fillTransaction, orderResponse, transactionResponse } from './schemas.js';

const ORDER = '/v3/accounts/{accountID}/orders/{orderSpecifier}';
type SymbolOf = (instrument: string | undefined, res: OandaResponse) => SymbolId;

export class OrderLookup {
  /** Close orders this process tagged, in case the tag itself was lost (see `tag`). */
  readonly #closes = new Map<ClientOrderId, string>();

  constructor(
    private readonly http: OandaHttp,
    private readonly account: string,
    private readonly symbolOf: SymbolOf,
    private readonly token: string,
  ) {}

  async find(ref: OrderRef): Promise<VenueOrder | undefined> {
    const specifier = this.#specifier(ref);
    if (specifier === undefined) return undefined;
    const res = await this.http.request({
      method: 'GET',
      endpoint: ORDER,
      path: `${this.account}/orders/${encodeURIComponent(specifier)}`,
      accept: [404],
    });
    if (res.status === 404) return undefined;
    const { order } = this.http.parse(orderResponse, res);
    const mine = ref.clientId === undefined || order.clientExtensions?.id === ref.clientId;
    if (!mine && this.#closes.get(ref.clientId!) !== order.id) return undefined;
    const fill =
      order.fillingTransactionID === undefined ? undefined : await this.#fill(order.fillingTransactionID);
    const view = orderView(order, this.symbolOf(order.instrument, res), fill);
    return view.clientId === undefined && ref.clientId !== undefined
      ? { ...view, clientId: ref.clientId }
      : view;
  }

  /** Cancels a pending order; one already canceled is not an error (as on the simulated venue). */
  async cancel(ref: OrderRef): Promise<void> {
    const specifier = this.#specifier(ref) ?? '';
    const res = await this.http.request({
      method: 'PUT',
      endpoint: `${ORDER}/cancel`,
      path: `${this.account}/orders/${encodeURIComponent(specifier)}/cancel`,
      mutating: true,
      accept: [404],
    });
    if (res.status !== 404) return;
    const order = await this.find(ref);
    if (order?.state === 'CANCELED') return;
    const reason = errorBody.safeParse(res.body).data?.errorCode ?? 'ORDER_DOESNT_EXIST';
    const detail = `${reason}: no pending order ${specifier}${order === undefined ? '' : ` (${order.state})`}`;
    throw oandaError({ kind: 'rejected', call: res.call, detail, reason }, this.token);
  }

  /**
   * Gives a trade-close order the intent's client id (the close endpoint takes none), so a
   * later `@clientId` lookup finds it. Remembered locally too: if the tag call fails, the close
   * has still happened and this process still answers for it.
   */
  async tag(orderId: string, clientId: ClientOrderId): Promise<void> {
    this.#closes.set(clientId, orderId);
    try {
      await this.http.request({
        method: 'PUT',
        endpoint: `${ORDER}/clientExtensions`,
        path: `${this.account}/orders/${encodeURIComponent(orderId)}/clientExtensions`,
        body: { clientExtensions: { id: clientId } },
        mutating: true,
      });
    } catch {
      // The close is done and its ack is in hand: failing it now would invite a second close.
      // Only a restart before the caller stores the ack loses the id (known gap).
    }
  }

  #specifier(ref: OrderRef): string | undefined {
    if (ref.venueOrderId !== undefined) return ref.venueOrderId;
    if (ref.clientId === undefined) return undefined;
    return this.#closes.get(ref.clientId) ?? `@${ref.clientId}`;
  }

  async #fill(transactionId: string) {
    const res = await this.http.request({
      method: 'GET',
      endpoint: '/v3/accounts/{accountID}/transactions/{transactionID}',
      path: `${this.account}/transactions/${encodeURIComponent(transactionId)}`,
    });
    const { transaction } = this.http.parse(transactionResponse, res);
    return this.http.parse(fillTransaction, { ...res, body: transaction });
  }
}
