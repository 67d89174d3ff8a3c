// Binance failures as the domain's typed errors, each naming the venue, the endpoint (method and
// path, never the signed query) and the HTTP status. ccxt's own messages carry the full URL with
// its signature and the raw body, so they are never copied: messages are built here from what we
// chose to include (Binance's code and msg, an HTML page's title), and the key and secret are
// scrubbed as a last guard.
import { AmbiguousOrderError, FatalError, RejectedError, RetryableError } from '../../domain/errors.js';

export interface BinanceCall {
  readonly venue: 'binance';
  /** `POST /api/v3/order`. */
  readonly endpoint: string;
  readonly status: number | undefined;
}

export type BinanceFailure = 'retryable' | 'ambiguous' | 'rejected' | 'fatal';

export class BinanceRetryableError extends RetryableError {
  constructor(
    readonly call: BinanceCall,
    message: string,
    retryAfterMs?: number,
  ) {
    super(message, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
}

export class BinanceAmbiguousOrderError extends AmbiguousOrderError {
  constructor(
    readonly call: BinanceCall,
    message: string,
  ) {
    super(message);
  }
}

export class BinanceRejectedError extends RejectedError {
  constructor(
    readonly call: BinanceCall,
    message: string,
    /** Binance's error code (`-2010`), when it gave one. */
    readonly code?: number,
  ) {
    super(message);
  }
}

export class BinanceFatalError extends FatalError {
  constructor(
    readonly call: BinanceCall,
    message: string,
  ) {
    super(message);
  }
}

export type BinanceError =
  | BinanceRetryableError
  | BinanceAmbiguousOrderError
  | BinanceRejectedError
  | BinanceFatalError;

export interface FailureDetails {
  readonly kind: BinanceFailure;
  readonly call: BinanceCall;
  readonly detail: string;
  readonly retryAfterMs?: number;
  readonly code?: number;
}

/** Builds the typed error; every secret in `secrets` is removed from the text. */
export function binanceError(f: FailureDetails, secrets: readonly string[]): BinanceError {
  const status = f.call.status === undefined ? '' : ` HTTP ${f.call.status}`;
  const message = redact(`binance ${f.call.endpoint}:${status} ${f.detail}`, secrets);
  switch (f.kind) {
    case 'retryable':
      return new BinanceRetryableError(f.call, message, f.retryAfterMs);
    case 'ambiguous':
      return new BinanceAmbiguousOrderError(
        f.call,
        `${message} (outcome unknown: query the order by its client id, do not re-submit)`,
      );
    case 'rejected':
      return new BinanceRejectedError(f.call, message, f.code);
    case 'fatal':
      return new BinanceFatalError(f.call, message);
  }
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s.length === 0 ? t : t.split(s).join('[redacted]')), text);
}
