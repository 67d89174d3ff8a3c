// Rule efficacy (per validator rule: outcomes of the candidates it failed next to those it
// passed) and the backtest reports saved in VAR_DIR/reports/.

import { api } from './api.js';
import { fmt, h, table } from './dom.js';

const rate = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(0)} %`);
const r = (x) => (x === null || x === undefined ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);

/** The columns of one outcome group (side: 'rejected' | 'passed'). */
function groupColumns(side, label) {
  const g = (x) => x[side];
  return [
    [`${label} n`, (x) => g(x).candidates, { num: true }],
    [`${label} done`, (x) => g(x).resolved, { num: true }],
    [`${label} TP1`, (x) => rate(g(x).tp1_rate), { num: true }],
    [`${label} TP2`, (x) => rate(g(x).tp2_rate), { num: true }],
    [`${label} SL`, (x) => rate(g(x).sl_rate), { num: true }],
    [`${label} exp.`, (x) => rate(g(x).expired_rate), { num: true }],
    [`${label} 24h R`, (x) => r(g(x).moves['24h'].mean_r), { num: true }],
    [`${label} 72h R`, (x) => r(g(x).moves['72h'].mean_r), { num: true }],
  ];
}

export async function rulesPage() {
  const report = await api.get('/rules');
  document
    .getElementById('view')
    .replaceChildren(
      h('h1', {}, 'Rule efficacy'),
      h(
        'p',
        {},
        report.candidates === 0
          ? 'No journaled candidates yet.'
          : `${report.candidates} candidates, ${report.with_outcome} with an outcome. Rates are shares of the resolved candidates; moves in R are signed for the candidate’s direction.`,
      ),
      table(
        [
          ['Rule', (x) => x.rule, { num: true }],
          ['Name', (x) => x.name],
          ['First failure', (x) => x.first_failure, { num: true }],
          ...groupColumns('rejected', 'Rejected'),
          ...groupColumns('passed', 'Passed'),
        ],
        report.rules,
        { id: 'rules' },
      ),
    );
}

const size = (n) => (n >= 1_048_576 ? `${fmt(n / 1_048_576, 1)} MB` : `${fmt(n / 1024, 1)} kB`);

export async function backtestsPage() {
  const list = await api.get('/backtests');
  document.getElementById('view').replaceChildren(
    h('h1', {}, `Backtest reports (${list.length})`),
    h('p', {}, 'Reports saved to VAR_DIR/reports/ (divbot backtest --report VAR_DIR/reports/NAME.html).'),
    table(
      [
        [
          'File',
          (f) =>
            h(
              'a',
              {
                href: `/api/v1/backtests/${encodeURIComponent(f.name)}`,
                target: '_blank',
                rel: 'noopener noreferrer',
              },
              f.name,
            ),
        ],
        ['Size', (f) => size(f.size), { num: true }],
        ['Modified', (f) => f.modified_at],
      ],
      list,
      { id: 'backtests' },
    ),
  );
}
