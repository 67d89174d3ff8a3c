import { lookahead } from '../../backtest/lookahead.js';
import { loadDataSet } from '../data-set.js';
import { ExitCode } from '../exit-codes.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { parseCount } from '../parse-count.js';

interface LookaheadCommandOptions {
  readonly data: string[];
  readonly symbols?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly cuts?: string;
  readonly random?: string;
}

/** Exit 1 when anything known at a cut changed (SPEC §16: a failure of the work). */
export async function lookaheadCommand(opts: LookaheadCommandOptions, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const maxCuts = parseCount('--cuts', opts.cuts, 40);
  const randomCuts = parseCount('--random', opts.random, 10);
  const series = await loadDataSet(opts.data, opts.symbols);
  const tty = process.stderr.isTTY && !opts.json;
  const result = await lookahead({
    config,
    series,
    maxCuts,
    randomCuts,
    ...(tty
      ? { onCut: (done: number, total: number) => process.stderr.write(`\rlookahead: cut ${done}/${total}`) }
      : {}),
  });
  if (tty) process.stderr.write('\n');
  await emit(
    result,
    () => {
      const c = result.checked;
      const head = `${result.cuts_tested.length} cuts (of ${result.cuts_total}) × truncated and noise: ${c.indicators} indicator values, ${c.pivots} pivots, ${c.signals} signals, ${c.trade_events} trade entries/exits checked`;
      if (result.ok) return `${head}\nno lookahead: nothing known at a cut changed`;
      const lines = result.changes.map(
        (x) =>
          `  ${x.cut} ${x.variant}: ${x.kind} ${x.symbol} ${x.timeframe ?? ''} ${x.what}: ${JSON.stringify(x.full)} → ${JSON.stringify(x.cut_run)}`,
      );
      return [head, `LOOKAHEAD: ${result.changes.length} changes`, ...lines].join('\n');
    },
    { json: opts.json === true, ...(opts.out ? { out: opts.out } : {}) },
  );
  if (!result.ok) process.exitCode = ExitCode.failure;
}
