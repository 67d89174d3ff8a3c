// The one place instruments are looked up. Immutable: a venue refresh builds a new registry
// with `withOverrides`, so nothing holding the old one sees values change under it.
import { ConfigError, type ConfigIssue, DivbotError } from '../errors.js';
import { CATALOG } from './catalog.js';
import { decimalsOf, tickForDecimals } from './precision.js';
import { closeMatches } from './suggest.js';
import {
  type BrokerId,
  BrokerIds,
  type Financing,
  type Instrument,
  type Rollover,
  type SimulationCosts,
  type SymbolId,
} from './types.js';
import { instrumentProblems } from './validate.js';

export { symbolFromFileStem } from './file-stem.js';

/**
 * What a venue refresh (or a test) may change; `id` and `broker` are identity. The nested
 * cost, financing and rollover records merge field by field.
 */
export type InstrumentOverride = Partial<
  Omit<Instrument, 'id' | 'broker' | 'costs' | 'financing' | 'rollover'>
> & {
  readonly costs?: Partial<SimulationCosts>;
  readonly financing?: Partial<Financing>;
  readonly rollover?: Partial<Rollover>;
};

export interface InstrumentSelection {
  /** `BROKERS`; undefined = every broker. */
  readonly brokers?: readonly string[];
  /** `SYMBOLS`; undefined = every symbol of the selected brokers. */
  readonly symbols?: readonly string[];
}

export class UnknownSymbolError extends DivbotError {
  readonly symbol: string;
  readonly suggestions: readonly string[];
  constructor(symbol: string, known: readonly string[]) {
    const suggestions = closeMatches(symbol, known);
    super(unknownSymbolMessage(symbol, suggestions, known));
    this.symbol = symbol;
    this.suggestions = suggestions;
  }
}

function unknownSymbolMessage(
  symbol: string,
  suggestions: readonly string[],
  known: readonly string[],
): string {
  const hint =
    suggestions.length > 0
      ? `did you mean ${suggestions.join(' or ')}?`
      : `known symbols: ${known.join(', ')}`;
  return `unknown symbol "${symbol}" (${hint})`;
}

export class InstrumentRegistry {
  readonly #byId: ReadonlyMap<string, Instrument>;
  readonly #all: readonly Instrument[];

  /** Validates every instrument; throws naming each problem. */
  constructor(instruments: readonly Instrument[]) {
    const problems = instruments.flatMap(instrumentProblems);
    const byId = new Map<string, Instrument>();
    for (const i of instruments) {
      if (byId.has(i.id)) problems.push(`${i.id}: listed twice`);
      byId.set(i.id, deepFreeze(i));
    }
    if (problems.length > 0) throw new DivbotError(`invalid instruments:\n  - ${problems.join('\n  - ')}`);
    this.#byId = byId;
    this.#all = Object.freeze([...byId.values()]);
    Object.freeze(this);
  }

  get(id: string): Instrument {
    const found = this.#byId.get(id);
    if (found === undefined) throw new UnknownSymbolError(id, this.ids());
    return found;
  }

  tryGet(id: string): Instrument | undefined {
    return this.#byId.get(id);
  }

  has(id: string): id is SymbolId {
    return this.#byId.has(id);
  }

  /** Checks and brands an external string (CLI flag, CSV, API path). */
  parseSymbol(id: string): SymbolId {
    return this.get(id).id;
  }

  all(): readonly Instrument[] {
    return this.#all;
  }

  ids(): readonly SymbolId[] {
    return this.#all.map((i) => i.id);
  }

  byBroker(broker: BrokerId): readonly Instrument[] {
    return this.#all.filter((i) => i.broker === broker);
  }

  /** The instrument a venue reports by its own symbol (an IG epic, a ccxt symbol). */
  byVenueSymbol(broker: BrokerId, venueSymbol: string): Instrument | undefined {
    return this.#all.find((i) => i.broker === broker && i.venueSymbol === venueSymbol);
  }

  /**
   * The instruments `BROKERS` and `SYMBOLS` enable, in registry order. Throws a ConfigError
   * naming each unknown broker or symbol, and each symbol whose broker is not enabled.
   */
  select(selection: InstrumentSelection): readonly Instrument[] {
    const issues: ConfigIssue[] = [];
    for (const b of selection.brokers ?? []) {
      if (!(BrokerIds as readonly string[]).includes(b)) {
        issues.push({
          variable: 'BROKERS',
          message: `unknown broker "${b}" (known: ${BrokerIds.join(', ')})`,
        });
      }
    }
    const brokers = selection.brokers;
    const enabled = (i: Instrument) => brokers === undefined || brokers.includes(i.broker);
    for (const s of selection.symbols ?? []) {
      const i = this.tryGet(s);
      if (i === undefined) {
        issues.push({
          variable: 'SYMBOLS',
          message: unknownSymbolMessage(s, closeMatches(s, this.ids()), this.ids()),
        });
      } else if (!enabled(i)) {
        issues.push({
          variable: 'SYMBOLS',
          message: `${s} trades on ${i.broker}, which BROKERS does not enable`,
        });
      }
    }
    if (issues.length > 0) throw new ConfigError(issues);
    const symbols = selection.symbols;
    return this.#all.filter((i) => enabled(i) && (symbols === undefined || symbols.includes(i.id)));
  }

  /**
   * A new registry with fields replaced per symbol. Giving only `tickSize` or only
   * `pricePrecision` derives the other (OANDA reports decimals, Binance and IG ticks).
   */
  withOverrides(updates: Readonly<Record<string, InstrumentOverride>>): InstrumentRegistry {
    for (const id of Object.keys(updates)) this.get(id);
    return new InstrumentRegistry(
      this.#all.map((i) => {
        const u = updates[i.id];
        return u === undefined ? i : applyOverride(i, u);
      }),
    );
  }
}

function applyOverride(i: Instrument, u: InstrumentOverride): Instrument {
  return {
    ...i,
    ...u,
    ...derivedPrecision(u),
    id: i.id,
    broker: i.broker,
    costs: { ...i.costs, ...u.costs },
    financing: { ...i.financing, ...u.financing },
    rollover: { ...i.rollover, ...u.rollover },
  };
}

function derivedPrecision(
  u: InstrumentOverride,
): Pick<Instrument, 'tickSize' | 'pricePrecision'> | undefined {
  if (u.tickSize !== undefined && u.pricePrecision === undefined) {
    return { tickSize: u.tickSize, pricePrecision: decimalsOf(u.tickSize) };
  }
  if (u.pricePrecision !== undefined && u.tickSize === undefined) {
    return { tickSize: tickForDecimals(u.pricePrecision), pricePrecision: u.pricePrecision };
  }
  return undefined;
}

/** Freezes nested values too (shared schedules are frozen only at the top by their module). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The built-in instruments of SPEC §2. */
export const defaultRegistry: InstrumentRegistry = new InstrumentRegistry(CATALOG);
