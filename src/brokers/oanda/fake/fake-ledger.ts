// The fake venue's books in wire shape: orders and trades are kept as the JSON objects OANDA
// returns (field names from the spec's definitions), transactions as appended. Ids are one
// sequence, as at OANDA, where an order's id is its create transaction's id.
import { formatTime } from '../format.js';

export const ACCOUNT_ID = '101-004-1435156-001';
const USER_ID = 1435156;

export type Wire = Record<string, unknown>;

export interface Level {
  price: string;
  timeInForce: string;
}

export interface WireOrder {
  id: string;
  createTime: string;
  state: 'PENDING' | 'FILLED' | 'TRIGGERED' | 'CANCELLED';
  type: 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LOSS' | 'TAKE_PROFIT';
  instrument?: string;
  units?: string;
  price?: string;
  timeInForce: string;
  positionFill?: string;
  triggerCondition?: string;
  tradeID?: string;
  replacesOrderID?: string;
  clientExtensions?: { id: string };
  tradeClientExtensions?: { id: string };
  stopLossOnFill?: Level;
  takeProfitOnFill?: Level;
  tradeClose?: { tradeID: string; units: string };
  fillingTransactionID?: string;
  filledTime?: string;
  tradeOpenedID?: string;
  tradeReducedID?: string;
  tradeClosedIDs?: string[];
  cancellingTransactionID?: string;
  cancelledTime?: string;
}

export interface FakeTrade {
  id: string;
  instrument: string;
  price: string;
  openTime: string;
  state: 'OPEN' | 'CLOSED';
  initialUnits: string;
  currentUnits: string;
  realizedPL: string;
  clientExtensions?: { id: string };
  stopLossOrderID?: string;
  takeProfitOrderID?: string;
  closeTime?: string;
}

export class Ledger {
  readonly orders = new Map<string, WireOrder>();
  readonly trades = new Map<string, FakeTrade>();
  readonly transactions: (Wire & { id: string; time: string; type: string })[] = [];
  #sequence = 100;
  #batch = '';
  now = 0;

  get lastTransactionID(): string {
    return String(this.#sequence);
  }

  /** Starts a batch: the transactions one request causes share its first id, as at OANDA. */
  batch(): void {
    this.#batch = String(this.#sequence + 1);
  }

  /** Appends a transaction with the fields every v20 transaction carries. */
  record(type: string, fields: Wire): Wire & { id: string; time: string; type: string } {
    const id = String(++this.#sequence);
    const tx = {
      id,
      time: formatTime(this.now),
      userID: USER_ID,
      accountID: ACCOUNT_ID,
      batchID: this.#batch || id,
      requestID: `6${id.padStart(17, '0')}`,
      type,
      ...fields,
    };
    this.transactions.push(tx);
    return tx;
  }

  /** `123` or `@clientId`. */
  order(specifier: string): WireOrder | undefined {
    if (!specifier.startsWith('@')) return this.orders.get(specifier);
    const wanted = specifier.slice(1);
    return [...this.orders.values()].find((o) => o.clientExtensions?.id === wanted);
  }

  trade(specifier: string): FakeTrade | undefined {
    if (!specifier.startsWith('@')) return this.trades.get(specifier);
    const wanted = specifier.slice(1);
    return [...this.trades.values()].find((t) => t.clientExtensions?.id === wanted);
  }

  related(from: string): string[] {
    return this.transactions.filter((t) => Number(t.id) >= Number(from)).map((t) => t.id);
  }
}
