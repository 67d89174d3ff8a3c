// What the SimulatedBroker records when its state changes, so a venue that lives in memory can
// survive its process: the simulator is deterministic and bar-driven, so replaying the calls that
// changed it, in order and at their times, rebuilds the same orders, tickets, fills and cash.
import Big from 'big.js';
import type { OrderRef, PositionRef, Protection } from '../../domain/broker.js';
import type { Candle } from '../../domain/candle.js';
import type { ClientOrderId } from '../../domain/ids.js';
import type { OrderIntent } from '../../domain/order.js';

/**
 * One change of the venue. `replay` is the market moving: every loaded 1h bar closed by `to` was
 * fed (bars come from the loaded data, so only how far matters, and only before the next change).
 */
export type VenueOp =
  | { readonly op: 'replay'; readonly to: number }
  | { readonly op: 'bars'; readonly now: number; readonly bars: readonly FedBar[] }
  | {
      readonly op: 'place';
      readonly now: number;
      readonly intent: OrderIntent;
      readonly expiresAfterBars?: number;
    }
  | {
      readonly op: 'amend';
      readonly now: number;
      readonly position: PositionRef;
      readonly protection: Protection;
    }
  | {
      readonly op: 'close';
      readonly now: number;
      readonly position: PositionRef;
      readonly clientId: ClientOrderId;
      readonly qty?: Big;
    }
  | { readonly op: 'cancel'; readonly now: number; readonly order: OrderRef };

export interface FedBar {
  readonly symbol: string;
  readonly bar: Candle;
}

/** Where the broker sends its changes, synchronously, before the call that made them returns. */
export interface VenueJournal {
  record(...ops: VenueOp[]): void;
}

/** The simulated clock time an op happened at (a replay happened by its horizon). */
export const opTime = (op: VenueOp): number => (op.op === 'replay' ? op.to : op.now);

// --- JSON: big.js values are written as strings (Big#toJSON) and read back here ---

const big = (v: unknown): Big | undefined =>
  v === undefined || v === null ? undefined : new Big(v as string);

function levels<T extends object>(raw: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const k of keys) {
    const v = big(out[k]);
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as T;
}

/** Parses one JSON-decoded op back into its typed form; throws on an unknown shape. */
export function decodeVenueOp(raw: unknown): VenueOp {
  const r = raw as Record<string, unknown> & { op?: unknown };
  switch (r.op) {
    case 'replay':
    case 'bars':
    case 'cancel':
      return r as unknown as VenueOp;
    case 'place':
      return {
        ...(r as object),
        intent: levels(r.intent as object, ['qty', 'price', 'stop', 'target']),
      } as VenueOp;
    case 'amend':
      return { ...(r as object), protection: levels(r.protection as object, ['stop', 'target']) } as VenueOp;
    case 'close':
      return levels(r, ['qty']) as unknown as VenueOp;
    default:
      throw new Error(`unknown venue op ${JSON.stringify(r.op)}`);
  }
}
