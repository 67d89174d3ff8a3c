// `divbot report rules [--json]` (SPEC §13): rule efficacy from the outcome tracker (computed in
// outcomes/rule-efficacy.ts, which the dashboard's API shares). Read-only: it never takes the
// instance lock.
import {
  loadRuleCandidates,
  type OutcomeGroup,
  type RuleReport,
  ruleEfficacy,
} from '../../outcomes/rule-efficacy.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { withCliStore } from '../store-access.js';

export {
  loadRuleCandidates,
  type OutcomeGroup,
  outcomeGroup,
  type RuleCandidate,
  type RuleEfficacy,
  type RuleReport,
  ruleEfficacy,
} from '../../outcomes/rule-efficacy.js';

const pct = (x: number | null) => (x === null ? '   —' : `${(x * 100).toFixed(0).padStart(3)}%`);
const r = (x: number | null) => (x === null ? '    —' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`.padStart(5));

function groupText(g: OutcomeGroup): string {
  return `${String(g.candidates).padStart(6)} ${String(g.resolved).padStart(6)}  ${pct(g.tp1_rate)} ${pct(g.tp2_rate)} ${pct(g.sl_rate)} ${pct(g.expired_rate)}  ${r(g.moves['24h'].mean_r)} ${r(g.moves['72h'].mean_r)}`;
}

export function reportText(report: RuleReport): string {
  if (report.candidates === 0) return 'No journaled candidates yet: run the bot (or the demo) first.';
  const cols = '     n  done   TP1  TP2   SL  exp  24h R 72h R';
  return [
    `Rule efficacy over ${report.candidates} candidates (${report.with_outcome} with an outcome)`,
    `${'rule'.padEnd(26)} ${'first'.padStart(5)} | rejected:${cols} | passed:${cols}`,
    ...report.rules.map(
      (x) =>
        `${`${String(x.rule).padStart(2)} ${x.name}`.padEnd(26)} ${String(x.first_failure).padStart(5)} |          ${groupText(x.rejected)} |        ${groupText(x.passed)}`,
    ),
  ].join('\n');
}

export async function reportRulesCommand(
  opts: { json?: boolean; demo?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const config = loadCliConfig(globals);
  const report = await withCliStore(config, { demo: opts.demo === true, write: false }, async (store) =>
    ruleEfficacy(await loadRuleCandidates(store)),
  );
  await emit(report, () => reportText(report), { json: opts.json === true });
}
