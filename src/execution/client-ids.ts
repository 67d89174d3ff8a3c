// Client order ids (SPEC §10): deterministic from the intent, so a replay after a crash mints the
// same id and the venue's idempotency (Binance newClientOrderId, OANDA clientExtensions.id, IG
// dealReference) turns a repeated placement into a lookup, never a second order.
//
// Format: `dvb-<kind>-<ticket>-<hash>`, e.g. `dvb-E-A-jlgibbe99q4lvv6ghhe6` (28 characters):
//   kind   E entry, S stop/protection amendment, M manual exit, T time stop, P policy exit,
//          O opposite-signal exit;
//   ticket A, B, or X for the whole position;
//   hash   20 base32hex digits (0-9a-v) = the first 100 bits of sha256 over a canonical JSON array.
// Collision: ids only collide when kind, ticket and 100 hash bits all match; for n intents of one
// kind and ticket, p ≈ n² / 2¹⁰¹ — about 4 × 10⁻¹⁹ for a million, 4 × 10⁻¹³ for a billion.
import { createHash } from 'node:crypto';
import { type ClientOrderId, clientOrderId, type PositionId, type SignalId } from '../domain/ids.js';
import { type IntentKind, IntentKinds, type Ticket, Tickets } from '../domain/order.js';

export interface ClientIdInput {
  readonly kind: IntentKind;
  /** The signal an entry comes from. */
  readonly signalId?: SignalId;
  /** The position an amendment or exit acts on. */
  readonly positionId?: PositionId;
  /** Undefined: the whole position (a manual close of both tickets). */
  readonly ticket?: Ticket;
  /** The nth intent of this kind on this ticket (repeated stop amendments, a retried exit); 0 first. */
  readonly sequence?: number;
  /**
   * Separates stores that restart their ids (a fresh `./var/db`, the demo): signal 1 of a new store
   * must not reuse an order the venue still knows. Stable for a store's lifetime.
   */
  readonly namespace?: string;
}

const KIND_CODES: Readonly<Record<IntentKind, string>> = {
  entry: 'E',
  amend_protection: 'S',
  exit_manual: 'M',
  exit_time_stop: 'T',
  exit_policy: 'P',
  exit_opposite_signal: 'O',
};
const WHOLE_POSITION = 'X';
const HASH_DIGITS = 20; // × 5 bits
const VERSION = 'divbot-client-id/v1';

export function makeClientId(input: ClientIdInput): ClientOrderId {
  const sequence = input.sequence ?? 0;
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new RangeError(`client id sequence must be a non-negative integer, got ${sequence}`);
  }
  if (input.signalId === undefined && input.positionId === undefined) {
    throw new RangeError(`a ${input.kind} client id needs a signal id or a position id`);
  }
  // A JSON array of strings, nulls and one integer is canonical: equal inputs, equal text.
  const canonical = JSON.stringify([
    VERSION,
    input.namespace ?? '',
    input.kind,
    input.signalId ?? null,
    input.positionId ?? null,
    input.ticket ?? null,
    sequence,
  ]);
  const hex = createHash('sha256').update(canonical).digest('hex');
  // 25 hex digits are exactly 100 bits, i.e. 20 base32 digits.
  const hash = BigInt(`0x${hex.slice(0, 25)}`)
    .toString(32)
    .padStart(HASH_DIGITS, '0');
  return clientOrderId(`dvb-${KIND_CODES[input.kind]}-${input.ticket ?? WHOLE_POSITION}-${hash}`);
}

const PATTERN = /^dvb-([ESMTPO])-([ABX])-[0-9a-v]{20}$/;

/** Reads kind and ticket back from one of our ids (reconciliation); undefined for a foreign id. */
export function parseClientId(id: string): { kind: IntentKind; ticket: Ticket | undefined } | undefined {
  const match = PATTERN.exec(id);
  if (match === null) return undefined;
  const kind = IntentKinds.find((k) => KIND_CODES[k] === match[1]);
  const ticket = Tickets.find((t) => t === match[2]);
  return kind === undefined ? undefined : { kind, ticket };
}
