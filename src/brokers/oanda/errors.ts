// OANDA failures as the domain's typed errors, each naming the venue, the endpoint (a path
// template, so account ids and client ids stay out of alert texts) and the HTTP status. Messages
// are built here, from what we chose to include, and scrubbed of the token as a last guard: the
// request headers and raw bodies never reach them.
import { AmbiguousOrderError, FatalError, RejectedError, RetryableError } from '../../domain/errors.js';

export interface OandaCall {
  readonly venue: 'oanda';
  /** `POST /v3/accounts/{accountID}/orders`: the template, not the filled-in path. */
  readonly endpoint: string;
  readonly status: number | undefined;
}

export type OandaFailure = 'retryable' | 'ambiguous' | 'rejected' | 'fatal';

export class OandaRetryableError extends RetryableError {
  constructor(
    readonly call: OandaCall,
    message: string,
    retryAfterMs?: number,
  ) {
    super(message, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
}

export class OandaAmbiguousOrderError extends AmbiguousOrderError {
  constructor(
    readonly call: OandaCall,
    message: string,
  ) {
    super(message);
  }
}

export class OandaRejectedError extends RejectedError {
  constructor(
    readonly call: OandaCall,
    message: string,
    /** The venue's reason code (`rejectReason`, `errorCode` or a cancel reason), when it gave one. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export class OandaFatalError extends FatalError {
  constructor(
    readonly call: OandaCall,
    message: string,
  ) {
    super(message);
  }
}

export type OandaError =
  | OandaRetryableError
  | OandaAmbiguousOrderError
  | OandaRejectedError
  | OandaFatalError;

export interface FailureDetails {
  readonly kind: OandaFailure;
  readonly call: OandaCall;
  readonly detail: string;
  readonly retryAfterMs?: number;
  readonly reason?: string;
}

/** Builds the typed error; `secret` (the token) is removed from the text whatever produced it. */
export function oandaError(f: FailureDetails, secret: string): OandaError {
  const status = f.call.status === undefined ? '' : ` HTTP ${f.call.status}`;
  const message = redact(`oanda ${f.call.endpoint}:${status} ${f.detail}`, secret);
  switch (f.kind) {
    case 'retryable':
      return new OandaRetryableError(f.call, message, f.retryAfterMs);
    case 'ambiguous':
      return new OandaAmbiguousOrderError(
        f.call,
        `${message} (outcome unknown: query the order by its client id, do not re-submit)`,
      );
    case 'rejected':
      return new OandaRejectedError(f.call, message, f.reason);
    case 'fatal':
      return new OandaFatalError(f.call, message);
  }
}

export function redact(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join('[redacted]');
}
