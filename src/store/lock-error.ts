import { FatalError } from '../domain/errors.js';

/** Another divbot instance holds the account's lock. A FatalError: this instance must not start. */
export class InstanceLockedError extends FatalError {}
