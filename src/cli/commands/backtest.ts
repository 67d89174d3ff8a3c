import { writeFile } from 'node:fs/promises';
import { type BacktestReport, buildReport, reportJson } from '../../backtest/report.js';
import { renderHtmlReport } from '../../backtest/report-html.js';
import { type BacktestInput, runBacktest } from '../../backtest/run-backtest.js';
import { brokerSetting } from '../../config/index.js';
import type { Config } from '../../config/schema.js';
import { FatalError, UsageError } from '../../domain/errors.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { ReplayReviewer } from '../../llm/replay-reviewer.js';
import { type Finalizer, llmFinalizer } from '../../pipeline/review.js';
import type { Store } from '../../store/index.js';
import { countLlmCalls } from '../../store/llm-calls-repo.js';
import { loadDataSet } from '../data-set.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { terminalProgress } from '../progress-bar.js';
import { withCliStore } from '../store-access.js';
import { parseTimeFlag } from '../time-flags.js';

interface BacktestOptions {
  readonly data: string[];
  readonly symbols?: string;
  readonly from?: string;
  readonly to?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly report?: string;
  readonly llm?: 'off' | 'replay';
  readonly resumePaused?: 'next-day' | 'never';
}

export async function backtestCommand(opts: BacktestOptions, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const from = parseTimeFlag('--from', opts.from);
  const to = parseTimeFlag('--to', opts.to);
  if (from !== undefined && to !== undefined && to < from) throw new UsageError('--to: before --from');
  if (opts.report !== undefined && !opts.report.endsWith('.html')) {
    throw new UsageError(`--report: expected a file ending in .html, got "${opts.report}"`);
  }
  const series = await loadDataSet(opts.data, opts.symbols);
  const input = {
    config,
    series,
    from,
    to,
    resumePaused: opts.resumePaused,
    onProgress: terminalProgress('backtest', 'hours', 24),
  };
  const result =
    opts.llm === 'replay'
      ? await withCliStore(config, { write: false }, async (store) => {
          await checkRecordedCalls(store);
          const reviewer = new ReplayReviewer({ store, model: config.LLM_MODEL });
          return runAndReport({ ...input, finalize: replayFinalizer(config, reviewer) });
        })
      : await runAndReport(input);
  const { report, html } = result;
  if (opts.report !== undefined) await writeFile(opts.report, html());
  const json = reportJson(report);
  if (opts.out !== undefined) await writeFile(opts.out, json);
  else if (opts.json) process.stdout.write(json);
  else process.stdout.write(`${summary(report)}\n`);
}

async function runAndReport(input: BacktestInput): Promise<{ report: BacktestReport; html: () => string }> {
  const run = await runBacktest(input);
  input.onProgress?.(-1, 0);
  const { report, trades } = buildReport(run);
  return { report, html: () => renderHtmlReport(report, trades, run) };
}

/** The store must hold the llm_calls table; with no call in it every review fails closed. */
async function checkRecordedCalls(store: Store): Promise<void> {
  let n: number;
  try {
    n = await countLlmCalls(store);
  } catch (e) {
    throw new FatalError(
      `--llm replay: no recorded LLM calls in ${store.description} (${(e as Error).message.split('\n')[0]}); run divbot db migrate, and record calls with LLM_MODE=review in paper or live trading first`,
    );
  }
  process.stderr.write(
    n === 0
      ? `divbot: warning: --llm replay: ${store.description} holds no recorded LLM calls: every candidate sent for review is rejected (llm_error)\n`
      : `divbot: --llm replay: ${n} recorded LLM calls in ${store.description}\n`,
  );
}

/** `--llm replay`: recorded answers only (SPEC §6); review mode unless LLM_MODE=detect. */
function replayFinalizer(config: Config, reviewer: ReplayReviewer): Finalizer {
  return llmFinalizer(reviewer, {
    mode: config.LLM_MODE === 'detect' ? 'detect' : 'review',
    llmFailure: config.LLM_FAILURE,
    minConfidence: (c) => brokerSetting(config, 'MIN_CONFIDENCE', defaultRegistry.get(c.symbol ?? '').broker),
  });
}

function summary(r: BacktestReport): string {
  const m = r.metrics;
  const fmt = (x: number | null, unit = '') => (x === null ? 'n/a' : `${x}${unit}`);
  return [
    `backtest ${r.range.from} → ${r.range.to}, ${r.range.instruments.join(', ')}`,
    `trades ${m.trades} (open at end ${m.open_at_end}), win rate ${fmt(m.win_rate)}, profit factor ${fmt(m.profit_factor)}, expectancy ${fmt(m.expectancy_r, ' R')}`,
    `return ${m.total_return_pct}%, CAGR ${fmt(m.cagr_pct, '%')}, max drawdown ${m.max_drawdown_pct}%, Sharpe ${fmt(m.sharpe)}, Sortino ${fmt(m.sortino)}, exposure ${m.exposure_pct}%`,
    `buy and hold ${fmt(r.baselines.buy_and_hold_pct, '%')}; random entries ${fmt(r.baselines.random_entry.expectancy_r_mean, ' R')} per trade (p05 ${fmt(r.baselines.random_entry.expectancy_r_p05, ' R')}, p95 ${fmt(r.baselines.random_entry.expectancy_r_p95, ' R')})`,
    `candidates ${r.rejections.candidates}, accepted ${r.rejections.accepted}`,
    ...r.trading_states.map((s) => `trading state ${s.state} at ${s.time}${s.reason ? `: ${s.reason}` : ''}`),
    '(--json or --out FILE for everything, --report FILE.html for charts)',
  ].join('\n');
}
