// Instruments (enable / disable / risk multiplier), health, settings (read-only, masked).

import { api } from './api.js';
import { act } from './app.js';
import { fmt, h, table } from './dom.js';

export async function instrumentsPage() {
  const list = await api.get('/instruments');
  const riskForm = (i) => {
    const input = h('input', {
      type: 'number',
      step: '0.05',
      min: '0.05',
      max: '10',
      value: i.risk_multiplier,
      size: 5,
      'aria-label': `risk multiplier ${i.symbol}`,
    });
    return h(
      'form',
      {
        class: 'inline',
        onsubmit: (ev) => {
          ev.preventDefault();
          act(`risk ${i.symbol}`, () =>
            api.post('/instruments/risk', { symbol: i.symbol, multiplier: Number(input.value) }),
          );
        },
      },
      input,
      h('button', { type: 'submit' }, 'Set'),
    );
  };
  document.getElementById('view').replaceChildren(
    h('h1', {}, 'Instruments'),
    table(
      [
        ['Symbol', (i) => i.symbol],
        ['Broker', (i) => i.broker],
        ['Class', (i) => i.asset_class],
        ['Entries', (i) => (i.enabled ? 'enabled' : 'disabled')],
        [
          '',
          (i) =>
            h(
              'button',
              {
                'data-symbol': i.symbol,
                onclick: () =>
                  act(`${i.enabled ? 'disable' : 'enable'} ${i.symbol}`, () =>
                    api.post(`/instruments/${i.enabled ? 'disable' : 'enable'}`, { symbol: i.symbol }),
                  ),
              },
              i.enabled ? 'Disable' : 'Enable',
            ),
        ],
        ['Risk ×', riskForm],
        ['Reason', (i) => i.reason ?? ''],
      ],
      list,
      { id: 'instruments' },
    ),
  );
}

export async function healthPage() {
  const r = await api.get('/health');
  document.getElementById('view').replaceChildren(
    h('h1', {}, `Health: ${r.status ?? 'unknown'}`),
    r.failing.length ? h('p', { class: 'fail' }, `failing: ${r.failing.join(', ')}`) : '',
    table(
      [
        ['Check', ([name]) => name],
        ['Status', ([, c]) => h('span', { class: c.status === 'fail' ? 'fail' : 'pass' }, c.status)],
        ['Detail', ([, c]) => c.detail ?? (c.data ? JSON.stringify(c.data) : '')],
      ],
      Object.entries(r.checks),
    ),
    h('h2', {}, 'Jobs'),
    table(
      [
        ['Job', (j) => j.job],
        ['Last', (j) => j.last_status],
        ['Scheduled for', (j) => j.last_scheduled_for],
        ['Duration (ms)', (j) => j.last_duration_ms, { num: true }],
        ['Last ok', (j) => j.last_ok_at ?? '—'],
        ['Error', (j) => j.last_error ?? ''],
      ],
      r.jobs,
      { id: 'jobs' },
    ),
    h('h2', {}, 'LLM usage'),
    h(
      'p',
      {},
      `${r.llm.calls} calls (${r.llm.errors} errors), ${r.llm.input_tokens} input and ${r.llm.output_tokens} output tokens, ${fmt(r.llm.cost_usd, 4)} USD in all; today ${r.llm.today_calls} calls, ${fmt(r.llm.today_cost_usd, 4)} of ${r.llm.daily_budget_usd} USD`,
    ),
  );
}

export async function settingsPage() {
  const [s, audit] = await Promise.all([api.get('/settings'), api.get('/audit?limit=50')]);
  document.getElementById('view').replaceChildren(
    h('h1', {}, `Settings (${s.mode}, read-only)`),
    table(
      [
        ['Variable', ([k]) => k],
        ['Value', ([, v]) => (v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v))],
      ],
      Object.entries(s.values),
      { id: 'settings' },
    ),
    h('h2', {}, 'Audit trail'),
    table(
      [
        ['At', (a) => a.at],
        ['Who', (a) => a.actor],
        ['Action', (a) => a.action],
        ['Target', (a) => a.target ?? ''],
        ['Reason', (a) => a.reason ?? ''],
      ],
      audit,
    ),
  );
}
