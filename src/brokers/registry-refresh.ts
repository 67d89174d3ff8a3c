// SPEC §2: at start-up in paper/live mode the registry's shipped precision, size steps and
// minimums are replaced by what each enabled venue says now. The registry is immutable, so the
// answer is a new one (`withOverrides`) plus the list of what changed, for the log. A venue that
// does not know an instrument, or answers junk, throws its own typed error naming both; the
// caller decides to stop.
import { DivbotError, FatalError, RetryableError } from '../domain/errors.js';
import { decimalsOf, isMultipleOf, tickForDecimals } from '../domain/instruments/precision.js';
import type { InstrumentOverride, InstrumentRegistry } from '../domain/instruments/registry.js';
import type { BrokerId, Instrument, SymbolId } from '../domain/instruments/types.js';
import type { InstrumentSpecSource, VenueInstrumentSpec } from './instrument-spec.js';

export type RefreshBrokers = Partial<Record<BrokerId, InstrumentSpecSource>>;

export const REFRESHED_FIELDS = ['tickSize', 'pricePrecision', 'sizeStep', 'minSize', 'minNotional'] as const;
export type RefreshedField = (typeof REFRESHED_FIELDS)[number];

export interface RegistryChange {
  readonly symbol: SymbolId;
  readonly field: RefreshedField;
  /** undefined: the registry had no value (a minimum it did not know). */
  readonly from: number | undefined;
  readonly to: number | undefined;
}

export interface RegistryRefresh {
  readonly registry: InstrumentRegistry;
  readonly changes: readonly RegistryChange[];
}

/** Asks each venue about `symbols` (every one must belong to a broker given in `brokers`). */
export async function refreshRegistry(
  registry: InstrumentRegistry,
  brokers: RefreshBrokers,
  symbols: readonly SymbolId[],
): Promise<RegistryRefresh> {
  const byBroker = new Map<BrokerId, Instrument[]>();
  for (const symbol of symbols) {
    const instrument = registry.get(symbol);
    if (brokers[instrument.broker] === undefined) {
      throw new FatalError(`registry refresh: no ${instrument.broker} adapter to ask about ${symbol}`);
    }
    byBroker.set(instrument.broker, [...(byBroker.get(instrument.broker) ?? []), instrument]);
  }
  const answers = await Promise.all(
    [...byBroker].map(async ([broker, instruments]) => {
      const specs = await brokers[broker]!.instrumentSpecs(instruments.map((i) => i.id));
      return instruments.map((i) => {
        const spec = specs.find((s) => s.symbol === i.id);
        if (spec === undefined)
          throw new FatalError(`registry refresh: ${broker} did not answer for ${i.id}`);
        return [i, spec] as const;
      });
    }),
  );
  const overrides: Record<string, InstrumentOverride> = {};
  for (const [instrument, spec] of answers.flat()) overrides[instrument.id] = overrideOf(instrument, spec);
  let refreshed: InstrumentRegistry;
  try {
    refreshed = registry.withOverrides(overrides);
  } catch (error) {
    if (!(error instanceof DivbotError)) throw error;
    throw new FatalError(`registry refresh: the venues' rules make instruments invalid: ${error.message}`, {
      cause: error,
    });
  }
  return { registry: refreshed, changes: changesBetween(registry, refreshed, symbols) };
}

export interface RefreshRetries {
  /** Calls in all (≥ 1); default 3. */
  readonly attempts?: number;
  /** The wait before retry k is k × this, or what the venue asked for (capped at 10 s); default 500. */
  readonly baseDelayMs?: number;
  readonly onRetry?: (error: RetryableError, attempt: number, waitMs: number) => void;
}

/**
 * `refreshRegistry`, asked again when a venue's answer was only late or throttled (a
 * RetryableError: a timeout, a 5xx, a rate limit), as freqtrade retries its exchange calls: one
 * slow answer at start-up must not stop a session. Anything else, and the last retryable error,
 * is thrown. Start-up only, on real time: never inside the pipeline.
 */
export async function refreshRegistryRetrying(
  registry: InstrumentRegistry,
  brokers: RefreshBrokers,
  symbols: readonly SymbolId[],
  retries: RefreshRetries = {},
): Promise<RegistryRefresh> {
  const attempts = Math.max(1, retries.attempts ?? 3);
  const base = retries.baseDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await refreshRegistry(registry, brokers, symbols);
    } catch (error) {
      if (!(error instanceof RetryableError) || attempt >= attempts) throw error;
      const waitMs = Math.min(Math.max(error.retryAfterMs ?? 0, base * attempt), 10_000);
      retries.onRetry?.(error, attempt, waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** The reported fields; a venue giving no size step keeps the registry's unless its minimum is off it. */
function overrideOf(instrument: Instrument, spec: VenueInstrumentSpec): InstrumentOverride {
  const { symbol: _, ...reported } = spec;
  const override: Record<string, number> = {};
  for (const [field, value] of Object.entries(reported)) if (value !== undefined) override[field] = value;
  const minSize = spec.minSize ?? instrument.minSize;
  if (spec.sizeStep === undefined && !isMultipleOf(minSize, instrument.sizeStep)) {
    // IG's minDealSize 0.5 with the shipped whole shares: trade in the minimum's own decimals.
    override.sizeStep = tickForDecimals(decimalsOf(minSize));
  }
  return override;
}

function changesBetween(
  before: InstrumentRegistry,
  after: InstrumentRegistry,
  symbols: readonly SymbolId[],
): RegistryChange[] {
  const changes: RegistryChange[] = [];
  for (const symbol of symbols) {
    const old = before.get(symbol);
    const now = after.get(symbol);
    for (const field of REFRESHED_FIELDS) {
      if (old[field] !== now[field]) changes.push({ symbol, field, from: old[field], to: now[field] });
    }
  }
  return changes;
}
