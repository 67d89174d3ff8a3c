// The control plane's errors: bad input or a command that does not apply (exit 2, HTTP 400/409),
// and "no instance to act through" (exit 1).
import { DivbotError, UsageError } from '../domain/errors.js';

/** Bad input (unknown symbol, invalid multiplier, missing reason): exit 2, HTTP 400. */
export class ControlUsageError extends UsageError {}

/** A command that does not apply to the current state (resume when ACTIVE …): exit 2, HTTP 409. */
export class ControlConflictError extends UsageError {}

/** The work failed (exit 1): e.g. close with no running instance. */
export class ControlFailure extends DivbotError {}
