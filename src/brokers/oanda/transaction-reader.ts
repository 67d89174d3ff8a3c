// Fills since a time: `GET transactions?from=&type=ORDER_FILL` answers with page URLs, each an
// `idrange` query. Only the page's query is taken: the token is sent to our base URL, never to
// a host named in a response.

import type { SymbolId } from '../../domain/instruments/types.js';
import type { Fill } from '../../domain/order.js';
import { formatTime } from './format.js';
import type { OandaHttp, OandaResponse } from './http.js';
import { fillOf } from './mapping.js';
import { fillTransaction, transactionPagesResponse, transactionsResponse } from './schemas.js';

type SymbolOf = (instrument: string | undefined, res: OandaResponse) => SymbolId;
const TRANSACTIONS = '/v3/accounts/{accountID}/transactions';

export class TransactionReader {
  constructor(
    private readonly http: OandaHttp,
    private readonly account: string,
    private readonly symbolOf: SymbolOf,
  ) {}

  async fills(since: number, currency: string): Promise<Fill[]> {
    const res = await this.http.request({
      method: 'GET',
      endpoint: TRANSACTIONS,
      path: `${this.account}/transactions`,
      query: { from: formatTime(since), type: 'ORDER_FILL', pageSize: '1000' },
    });
    const { pages } = this.http.parse(transactionPagesResponse, res);
    const fills: Fill[] = [];
    for (const page of pages) {
      const query = Object.fromEntries(new URL(page, 'http://page.invalid').searchParams);
      const pageRes = await this.http.request({
        method: 'GET',
        endpoint: `${TRANSACTIONS}/idrange`,
        path: `${this.account}/transactions/idrange`,
        query: { from: query.from, to: query.to, type: 'ORDER_FILL' },
      });
      for (const tx of this.http.parse(transactionsResponse, pageRes).transactions) {
        if (tx.type !== 'ORDER_FILL') continue; // unknown and other types are ignored
        const fill = this.http.parse(fillTransaction, { ...pageRes, body: tx });
        if (fill.time >= since) fills.push(fillOf(fill, this.symbolOf(fill.instrument, pageRes), currency));
      }
    }
    const seen = new Set<string>();
    return fills
      .filter((f) => !seen.has(f.tradeId) && seen.add(f.tradeId) !== undefined)
      .sort((a, b) => Number(a.tradeId) - Number(b.tradeId));
  }
}
