// The running instance's instrument control: loaded from the store at start, written through on
// each change, and read synchronously by the risk gate at every evaluation (no restart needed).
import type { InstrumentControl } from '../risk/limits.js';
import { type InstrumentControlRow, listInstrumentControls, type Session } from '../store/index.js';
import { toInstrumentControl } from './core.js';

export class InstrumentControls {
  readonly #rows = new Map<string, InstrumentControlRow>();

  static async load(store: Session): Promise<InstrumentControls> {
    const controls = new InstrumentControls();
    for (const row of await listInstrumentControls(store)) controls.set(row);
    return controls;
  }

  set(row: InstrumentControlRow): void {
    this.#rows.set(row.symbol, row);
  }

  get(symbol: string): InstrumentControlRow | undefined {
    return this.#rows.get(symbol);
  }

  rows(): InstrumentControlRow[] {
    return [...this.#rows.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  }

  /** PortfolioRiskGate's `control` option. */
  readonly control = (symbol: string): InstrumentControl | undefined => {
    const row = this.#rows.get(symbol);
    return row === undefined ? undefined : toInstrumentControl(row);
  };
}
