// Every risk refusal is a coded value (SPEC §9), never an exception: the code is stored with the
// signal as `denied_by`, the detail explains it to a person.
import type { DenialCode } from '../domain/signal.js';

export interface Denial {
  readonly ok: false;
  readonly code: DenialCode;
  readonly detail: string;
}

/** A value, or the denial that stopped it. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | Denial;

export const deny = (code: DenialCode, detail: string): Denial => ({ ok: false, code, detail });

export const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });

/** Numbers in details: enough digits to check by hand, no float noise. */
export const fmt = (x: number | { toString(): string }): string =>
  typeof x === 'number' ? String(Number(x.toPrecision(8))) : x.toString();
