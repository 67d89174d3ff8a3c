// SPEC §8, multi-timeframe confirmation: an accepted 4h signal becomes a setup for SETUP_TTL_BARS
// trading 4h bars; an accepted 1h signal in the same direction triggers it, and only then is it
// tradable. The book is pure state stepped by the pipeline at each 1h close, in this order:
//   1. on4hClose for each 4h bar that closed (expiry), then addSetup for new accepted 4h signals;
//   2. on1hClose (close beyond a stop invalidates; earlier 1h signals may trigger a new setup);
//   3. on1hSignal for each new accepted 1h signal.
import type { Direction, EvaluatedCandidate } from '../domain/divergence.js';

export type SetupStatus = 'live' | 'triggered' | 'expired' | 'invalidated';

export interface SetupState {
  readonly id: string;
  readonly symbol: string;
  readonly direction: Direction;
  readonly signal: EvaluatedCandidate;
  /** When the 1h stream could first see it: the close of the 4h confirm bar. */
  readonly visibleAt: number;
  status: SetupStatus;
  /** Trading 4h bars closed since it became visible. */
  barsSeen: number;
  resolvedAt?: number;
  trigger?: EvaluatedCandidate;
}

export interface Trigger {
  readonly setup: SetupState;
  readonly signal: EvaluatedCandidate;
  /** The signal becomes tradable here (SPEC §8). */
  readonly at: number;
}

export interface SetupBookOptions {
  readonly ttlBars: number;
  /** An earlier 1h signal triggers while the close is within this many of its ATRs of its entry. */
  readonly touchAtr?: number;
  /** How long an earlier 1h signal may wait for a setup; a 4h setup is known ≤ 16 h after its c2. */
  readonly pendingMs?: number;
}

interface Pending {
  readonly signal: EvaluatedCandidate;
  readonly knownAt: number;
}

const NONE: readonly SetupState[] = Object.freeze([]);
const NOTHING_CLOSED = Object.freeze({
  invalidated: NONE,
  triggers: Object.freeze([]) as readonly Trigger[],
});

export class SetupBook {
  /**
   * Setups created and resolved, by status: counts, not the setups, which (each with its signal
   * and verdicts) grew the heap of a long backtest and of paper/live without bound.
   */
  private readonly counts = { setups: 0, triggered: 0, expired: 0, invalidated: 0 };
  /** Live setups per symbol: a long run resolves thousands, which must not be scanned per bar. */
  private readonly liveBySymbol = new Map<string, SetupState[]>();
  /** Earlier 1h signals waiting for a setup, per symbol (only that symbol's closes can trigger them). */
  private readonly pending = new Map<string, Pending[]>();
  private readonly touchAtr: number;
  private readonly pendingMs: number;

  constructor(private readonly options: SetupBookOptions) {
    this.touchAtr = options.touchAtr ?? 0.5;
    this.pendingMs = options.pendingMs ?? 24 * 3_600_000;
  }

  addSetup(signal: EvaluatedCandidate, visibleAt: number): SetupState {
    const symbol = signal.symbol ?? '';
    const setup: SetupState = {
      id: `${symbol}:${signal.type}:${signal.pivot1.time}:${signal.pivot2.time}`,
      symbol,
      direction: signal.direction,
      signal,
      visibleAt,
      status: 'live',
      barsSeen: 0,
    };
    this.counts.setups++;
    const live = this.liveBySymbol.get(symbol);
    if (live) live.push(setup);
    else this.liveBySymbol.set(symbol, [setup]);
    return setup;
  }

  /** A 4h bar of `symbol` closed at `closeTime`: setups visible before it age by one bar. */
  on4hClose(symbol: string, closeTime: number): SetupState[] {
    const expired: SetupState[] = [];
    for (const s of this.live(symbol)) {
      if (s.status !== 'live' || s.visibleAt >= closeTime) continue;
      s.barsSeen++;
      if (s.barsSeen >= this.options.ttlBars) this.resolve(s, 'expired', closeTime, expired);
    }
    if (expired.length > 0) this.prune(symbol);
    return expired;
  }

  /** A 1h bar closed at `closeTime` with `close`: invalidations, then triggers by earlier 1h signals. */
  on1hClose(
    symbol: string,
    closeTime: number,
    close: number,
  ): { readonly invalidated: readonly SetupState[]; readonly triggers: readonly Trigger[] } {
    const live = this.liveBySymbol.get(symbol);
    const waiting = this.pending.get(symbol);
    // Most 1h closes find neither: nothing to allocate for them.
    if ((live === undefined || live.length === 0) && (waiting === undefined || waiting.length === 0))
      return NOTHING_CLOSED;
    const invalidated: SetupState[] = [];
    for (const s of live ?? NONE) {
      if (s.status !== 'live') continue;
      const stop = s.signal.stop;
      if (s.direction === 'long' ? close < stop : close > stop)
        this.resolve(s, 'invalidated', closeTime, invalidated);
    }
    if (invalidated.length > 0) this.prune(symbol);
    const triggers: Trigger[] = [];
    const pending = waiting ?? [];
    for (let k = pending.length - 1; k >= 0; k--) {
      const p = pending[k]!;
      if (closeTime - p.knownAt > this.pendingMs) {
        pending.splice(k, 1);
        continue;
      }
      if (!(Math.abs(close - p.signal.entry) <= this.touchAtr * p.signal.atr)) continue;
      const setup = this.match(p.signal, (s) => s.visibleAt > p.knownAt);
      if (!setup) continue;
      pending.splice(k, 1);
      triggers.push(this.fire(setup, p.signal, closeTime));
    }
    if (triggers.length > 0) this.prune(symbol);
    return { invalidated, triggers: triggers.reverse() };
  }

  /** A new accepted 1h signal known at `knownAt`: it triggers a live setup now, or waits. */
  on1hSignal(signal: EvaluatedCandidate, knownAt: number): Trigger | undefined {
    const setup = this.match(signal, () => true);
    if (setup) {
      const trigger = this.fire(setup, signal, knownAt);
      this.prune(setup.symbol);
      return trigger;
    }
    const symbol = signal.symbol ?? '';
    const list = this.pending.get(symbol);
    if (list) list.push({ signal, knownAt });
    else this.pending.set(symbol, [{ signal, knownAt }]);
    return undefined;
  }

  /** The setups still live, per symbol in creation order. */
  liveSetups(): SetupState[] {
    return [...this.liveBySymbol.values()].flat();
  }

  /** Setups that led to a trade, over all that were created (SPEC §8's conversion rate). */
  conversion(): {
    setups: number;
    triggered: number;
    expired: number;
    invalidated: number;
    rate: number | null;
  } {
    const { setups, triggered, expired, invalidated } = this.counts;
    return { setups, triggered, expired, invalidated, rate: setups ? triggered / setups : null };
  }

  // The newest live setup of the symbol and direction whose c2 is not later than the signal's c2.
  private match(signal: EvaluatedCandidate, extra: (s: SetupState) => boolean): SetupState | undefined {
    const symbol = signal.symbol ?? '';
    let best: SetupState | undefined;
    for (const s of this.live(symbol)) {
      if (s.status !== 'live' || s.direction !== signal.direction) continue;
      if (signal.pivot2.time < s.signal.pivot2.time) continue;
      if (!extra(s)) continue;
      if (!best || s.visibleAt > best.visibleAt) best = s;
    }
    return best;
  }

  private fire(setup: SetupState, signal: EvaluatedCandidate, at: number): Trigger {
    setup.status = 'triggered';
    this.counts.triggered++;
    setup.resolvedAt = at;
    setup.trigger = signal;
    return { setup, signal, at };
  }

  /** The symbol's live setups, oldest first (callers resolve in place, then prune). */
  private live(symbol: string): readonly SetupState[] {
    return this.liveBySymbol.get(symbol) ?? NONE;
  }

  private prune(symbol: string): void {
    const list = this.liveBySymbol.get(symbol);
    if (list)
      this.liveBySymbol.set(
        symbol,
        list.filter((s) => s.status === 'live'),
      );
  }

  private resolve(s: SetupState, status: 'expired' | 'invalidated', at: number, into: SetupState[]): void {
    s.status = status;
    this.counts[status]++;
    s.resolvedAt = at;
    into.push(s);
  }
}
