import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PositionId, SignalId } from '../domain/ids.js';
import { isClientOrderId } from '../domain/ids.js';
import { IntentKinds, Tickets } from '../domain/order.js';
import { type ClientIdInput, makeClientId, parseClientId } from './client-ids.js';

const input = fc.record(
  {
    kind: fc.constantFrom(...IntentKinds),
    signalId: fc.string({ maxLength: 12 }).map((s) => s as SignalId),
    positionId: fc.string({ maxLength: 12 }).map((s) => s as PositionId),
    ticket: fc.constantFrom(...Tickets),
    sequence: fc.nat({ max: 1000 }),
    namespace: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: ['kind', 'signalId'] },
) as fc.Arbitrary<ClientIdInput>;

// Inputs that differ only by an absent vs. present-but-default field are the same intent.
const key = (i: ClientIdInput) =>
  JSON.stringify([
    i.namespace ?? '',
    i.kind,
    i.signalId,
    i.positionId ?? null,
    i.ticket ?? null,
    i.sequence ?? 0,
  ]);

describe('client ids', () => {
  it('are stable across runs and versions (fixed vectors)', () => {
    expect(makeClientId({ kind: 'entry', signalId: 'sig-42' as SignalId, ticket: 'A' })).toBe(
      'dvb-E-A-jlgibbe99q4lvv6ghhe6',
    );
    const amendment = {
      kind: 'amend_protection',
      positionId: 'pos-7' as PositionId,
      ticket: 'B',
      sequence: 3,
    } as const;
    expect(makeClientId(amendment)).toBe('dvb-S-B-in9q96g5g5ik4loqvgi1');
  });

  it('are at most 30 characters of [A-Za-z0-9_-], readable back, and the same for the same intent', () => {
    fc.assert(
      fc.property(input, (i) => {
        const id = makeClientId(i);
        expect(id).toMatch(/^[A-Za-z0-9_-]{1,30}$/);
        expect(isClientOrderId(id)).toBe(true);
        expect(makeClientId({ ...i }), 'a replay mints the same id').toBe(id);
        expect(parseClientId(id)).toEqual({ kind: i.kind, ticket: i.ticket });
      }),
      { numRuns: 300 },
    );
  });

  it('never collide for distinct intents', () => {
    fc.assert(
      fc.property(fc.uniqueArray(input, { minLength: 200, maxLength: 400, selector: key }), (inputs) => {
        expect(new Set(inputs.map(makeClientId)).size).toBe(inputs.length);
      }),
      { numRuns: 30 },
    );
  });

  it('separate every field: sequence, ticket, kind, namespace, signal vs. position', () => {
    const base = { kind: 'amend_protection', positionId: 'p1' as PositionId, ticket: 'A' } as const;
    const ids = [
      base,
      { ...base, sequence: 1 },
      { ...base, ticket: 'B' },
      { ...base, ticket: undefined },
      { ...base, kind: 'exit_policy' },
      { ...base, namespace: 'store-2' },
      { kind: 'amend_protection', signalId: 'p1' as SignalId, ticket: 'A' },
    ].map((i) => makeClientId(i as ClientIdInput));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[3]).toMatch(/^dvb-S-X-/);
  });

  it('refuses an intent without a signal or position, or a bad sequence', () => {
    expect(() => makeClientId({ kind: 'entry' })).toThrow(RangeError);
    expect(() => makeClientId({ kind: 'entry', signalId: 's' as SignalId, sequence: -1 })).toThrow(
      RangeError,
    );
    expect(() => makeClientId({ kind: 'entry', signalId: 's' as SignalId, sequence: 1.5 })).toThrow(
      RangeError,
    );
  });

  it('does not claim foreign ids', () => {
    expect(parseClientId('web_12345')).toBeUndefined();
    expect(parseClientId('dvb-E-A-short')).toBeUndefined();
  });
});
