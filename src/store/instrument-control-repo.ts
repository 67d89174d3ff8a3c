// Run-time instrument control (SPEC §9/§10), one row per symbol that a person has touched. A
// symbol without a row is enabled at multiplier 1. The multiplier is an exact numeric.
import Big from 'big.js';
import { asc, eq } from 'drizzle-orm';
import { instrumentControl } from './schema/control.js';
import type { Session } from './store.js';

export interface InstrumentControlRow {
  readonly symbol: string;
  readonly enabled: boolean;
  readonly riskMultiplier: Big;
  readonly reason: string | null;
  /** UTC ms of the last put; null for a symbol never stored. */
  readonly updatedAt: number | null;
}

export function defaultInstrumentControl(symbol: string): InstrumentControlRow {
  return { symbol, enabled: true, riskMultiplier: new Big(1), reason: null, updatedAt: null };
}

export async function getInstrumentControl(store: Session, symbol: string): Promise<InstrumentControlRow> {
  const [row] = await store.db.select().from(instrumentControl).where(eq(instrumentControl.symbol, symbol));
  return row === undefined ? defaultInstrumentControl(symbol) : fromRow(row);
}

/** Every stored symbol, in symbol order. */
export async function listInstrumentControls(store: Session): Promise<InstrumentControlRow[]> {
  const rows = await store.db.select().from(instrumentControl).orderBy(asc(instrumentControl.symbol));
  return rows.map(fromRow);
}

/** Inserts or replaces the symbol's row; the database refuses a multiplier that is not > 0. */
export async function putInstrumentControl(
  store: Session,
  value: Omit<InstrumentControlRow, 'updatedAt'> & { readonly updatedAt: number },
): Promise<void> {
  const row = {
    enabled: value.enabled,
    riskMultiplier: value.riskMultiplier.toFixed(),
    reason: value.reason,
    updatedAt: value.updatedAt,
  };
  await store.db
    .insert(instrumentControl)
    .values({ symbol: value.symbol, ...row })
    .onConflictDoUpdate({ target: instrumentControl.symbol, set: row });
}

function fromRow(row: typeof instrumentControl.$inferSelect): InstrumentControlRow {
  return { ...row, riskMultiplier: new Big(row.riskMultiplier) };
}
