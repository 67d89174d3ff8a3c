// What the alert outbox carries (SPEC §13): an event read from the store, with a key that stays
// the same however often it is read again, so a restart or an overlapping read never alerts twice.
export const AlertKinds = [
  'signal_accepted',
  'signal_rejected',
  'order_filled',
  'position_exit',
  'trading_state',
  'job_error',
  'order_error',
  'broker_down',
  'daily_summary',
] as const;
export type AlertKind = (typeof AlertKinds)[number];

export interface AlertEvent {
  /** De-duplication key, unique per channel: e.g. `fill:binance:12345`. */
  readonly key: string;
  readonly kind: AlertKind;
  /** SPEC §13: kill switch, daily-loss stop, broker down, live order errors also go by SMS. */
  readonly critical: boolean;
  /** When it happened, on the Clock. */
  readonly at: number;
  /** Plain text, a few lines (Telegram and SMS alike). */
  readonly text: string;
}

export type Channel = 'telegram' | 'sms';

/** A failed delivery: `retryAfterMs` when the service said when to come back, `permanent` when retrying cannot help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { readonly retryAfterMs?: number; readonly permanent?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** One channel's sender (ARCHITECTURE's Notifier port); throws DeliveryError when not delivered. */
export interface Notifier {
  readonly channel: Channel;
  send(text: string): Promise<void>;
}
