// IG failures as the domain's typed errors, each naming the venue, the endpoint (a path template,
// so deal ids and references stay out of alert texts) and the HTTP status. Messages are built from
// what we chose to include and scrubbed of every secret (API key, password, CST, security token)
// as a last guard: request headers and raw bodies never reach them.
import { AmbiguousOrderError, FatalError, RejectedError, RetryableError } from '../../domain/errors.js';

export interface IgCall {
  readonly venue: 'ig' | 'yahoo';
  /** `POST /positions/otc`: the template, not the filled-in path. */
  readonly endpoint: string;
  readonly status: number | undefined;
}

export type IgFailure = 'retryable' | 'ambiguous' | 'rejected' | 'fatal';

export class IgRetryableError extends RetryableError {
  constructor(
    readonly call: IgCall,
    message: string,
    retryAfterMs?: number,
  ) {
    super(message, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
}

export class IgAmbiguousOrderError extends AmbiguousOrderError {
  constructor(
    readonly call: IgCall,
    message: string,
  ) {
    super(message);
  }
}

export class IgRejectedError extends RejectedError {
  constructor(
    readonly call: IgCall,
    message: string,
    /** IG's `errorCode` or the confirm's `reason`, when it gave one. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export class IgFatalError extends FatalError {
  constructor(
    readonly call: IgCall,
    message: string,
  ) {
    super(message);
  }
}

export type IgError = IgRetryableError | IgAmbiguousOrderError | IgRejectedError | IgFatalError;

export interface FailureDetails {
  readonly kind: IgFailure;
  readonly call: IgCall;
  readonly detail: string;
  readonly retryAfterMs?: number;
  readonly reason?: string;
}

/** Builds the typed error; every string in `secrets` is removed from the text. */
export function igError(f: FailureDetails, secrets: readonly string[]): IgError {
  const status = f.call.status === undefined ? '' : ` HTTP ${f.call.status}`;
  const message = redact(`${f.call.venue} ${f.call.endpoint}:${status} ${f.detail}`, secrets);
  switch (f.kind) {
    case 'retryable':
      return new IgRetryableError(f.call, message, f.retryAfterMs);
    case 'ambiguous':
      return new IgAmbiguousOrderError(
        f.call,
        `${message} (outcome unknown: query the deal by its reference, do not re-submit)`,
      );
    case 'rejected':
      return new IgRejectedError(f.call, message, f.reason);
    case 'fatal':
      return new IgFatalError(f.call, message);
  }
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
