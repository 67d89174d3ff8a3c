// Where the engine writes what it decides, before it acts (SPEC §10: client ids stored before the
// call; every transition stored). The store implements it for the demo and live trading; a backtest
// keeps it in memory and writes once at the end.

import type { Fill } from '../domain/order.js';
import type { ManagedPosition } from './managed-position.js';
import type { OrderSnapshot, OrderTransition } from './order-events.js';

export interface ExecutionJournal {
  /** A new order, before its venue call. Must be durable when it resolves. */
  orderCreated(order: OrderSnapshot): Promise<void>;
  transition(order: OrderSnapshot, transition: OrderTransition): Promise<void>;
  fill(fill: Fill): Promise<void>;
  position(position: ManagedPosition): Promise<void>;
}

/** Keeps everything in memory (backtests, tests). */
export class MemoryExecutionJournal implements ExecutionJournal {
  readonly orders = new Map<string, OrderSnapshot>();
  readonly transitions: OrderTransition[] = [];
  readonly fills: Fill[] = [];
  readonly positions = new Map<string, ManagedPosition>();

  async orderCreated(order: OrderSnapshot): Promise<void> {
    this.orders.set(order.intent.clientId, order);
  }
  async transition(order: OrderSnapshot, transition: OrderTransition): Promise<void> {
    this.orders.set(order.intent.clientId, order);
    this.transitions.push(transition);
  }
  async fill(fill: Fill): Promise<void> {
    this.fills.push(fill);
  }
  async position(position: ManagedPosition): Promise<void> {
    this.positions.set(position.id, position);
  }
}
