// The dashboard (SPEC §14): a login, then one page per hash route, each drawn from /api/v1.
import { api } from './api.js';
import { equityCharts, signalChart } from './charts.js';
import { clear, fmt, h, table } from './dom.js';
import { ordersPage, setupsPage } from './pages-orders.js';
import { backtestsPage, rulesPage } from './pages-reports.js';
import { healthPage, instrumentsPage, settingsPage } from './pages-system.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const flashEl = document.getElementById('flash');

export function flash(text, kind = 'ok') {
  flashEl.textContent = text;
  flashEl.className = kind;
}

/** Runs a mutation, says how it went, redraws the page. */
export async function act(label, work) {
  try {
    await work();
    flash(`${label}: done`);
  } catch (e) {
    flash(`${label}: ${e.message}`, 'error');
  }
  await route();
}

function loginPage() {
  nav.hidden = true;
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, value: 'demo' });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    { class: 'login', id: 'login' },
    h('h1', {}, 'Log in'),
    h('label', {}, 'User ', name),
    h('label', {}, 'Password ', password),
    h('button', { type: 'submit' }, 'Log in'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.login(name.value, password.value);
      flash('');
      location.hash = '#/overview';
      await route();
    } catch (e) {
      flash(e.message, 'error');
    }
  });
  clear(view).append(form);
}

async function overviewPage() {
  const o = await api.get('/overview');
  const t = o.trading;
  const reason = h('input', { name: 'reason', placeholder: 'why it is safe to trade again', size: 40 });
  const cards = h(
    'div',
    { class: 'cards' },
    h(
      'div',
      { class: 'card' },
      'Trading state',
      h('b', { id: 'trading-state', class: `state-${t.state}` }, t.state),
      t.reason ?? '',
    ),
    h('div', { class: 'card' }, `Equity (${o.currency})`, h('b', {}, fmt(o.equity, 2))),
    h(
      'div',
      { class: 'card' },
      'Today’s P&L',
      h('b', {}, fmt(o.today_pnl, 2)),
      o.today_pnl_pct === null ? '' : `${o.today_pnl_pct} %`,
    ),
    h(
      'div',
      { class: 'card' },
      'Drawdown',
      h('b', {}, `${fmt(o.drawdown_pct)} %`),
      `max ${fmt(o.max_drawdown_pct)} %`,
    ),
  );
  const controls = h(
    'p',
    {},
    h('button', { id: 'pause', onclick: () => act('pause', () => api.post('/control/pause', {})) }, 'Pause'),
    ' ',
    h(
      'button',
      { id: 'resume', onclick: () => act('resume', () => api.post('/control/resume', {})) },
      'Resume',
    ),
    ' ',
    h(
      'form',
      {
        class: 'inline',
        id: 'reset-form',
        onsubmit: (ev) => {
          ev.preventDefault();
          act('kill-switch reset', () => api.post('/control/killswitch/reset', { reason: reason.value }));
        },
      },
      reason,
      h('button', { type: 'submit', id: 'reset' }, 'Reset kill switch'),
    ),
  );
  const positions = table(
    [
      ['Symbol', (p) => p.symbol],
      ['Direction', (p) => p.direction],
      ['Qty', (p) => fmt(p.open_qty), { num: true }],
      ['Entry', (p) => fmt(p.entry_price), { num: true }],
      ['Stop', (p) => fmt(p.stop), { num: true }],
      ['TP1', (p) => fmt(p.tp1), { num: true }],
      ['TP2', (p) => fmt(p.tp2), { num: true }],
      ['Opened', (p) => p.opened_at],
      [
        'Signal',
        (p) => (p.signal_id ? h('a', { href: `#/signals/${p.signal_id}` }, `#${p.signal_id}`) : '—'),
      ],
      [
        '',
        (p) =>
          h(
            'button',
            {
              class: 'close',
              'data-symbol': p.symbol,
              onclick: () => act(`close ${p.symbol}`, () => api.post('/control/close', { symbol: p.symbol })),
            },
            'Close',
          ),
      ],
    ],
    o.open_positions,
    { id: 'positions' },
  );
  const eq = h('div', { class: 'chart', id: 'equity' });
  const dd = h('div', { class: 'chart small', id: 'drawdown' });
  clear(view).append(
    h('h1', {}, 'Overview'),
    cards,
    controls,
    h('h2', {}, `Open positions (${o.open_positions.length})`),
    positions,
    h('h2', {}, 'Equity'),
    eq,
    h('h2', {}, 'Drawdown (%)'),
    dd,
  );
  equityCharts(eq, dd, o.equity_curve);
}

async function signalsPage(params) {
  const page = Number(params.get('page') ?? 1);
  const accepted = params.get('accepted');
  const q = new URLSearchParams({ page: String(page), limit: '50', ...(accepted ? { accepted } : {}) });
  const r = await api.get(`/signals?${q}`);
  const link = (p, a) => `#/signals?page=${p}${a ? `&accepted=${a}` : ''}`;
  const pages = Math.max(1, Math.ceil(r.total / r.limit));
  clear(view).append(
    h('h1', {}, `Signals (${r.total})`),
    h(
      'p',
      { class: 'pager' },
      h('a', { href: link(1, '') }, 'all'),
      h('a', { href: link(1, 'true') }, 'accepted'),
      h('a', { href: link(1, 'false') }, 'rejected'),
      ' · ',
      page > 1 ? h('a', { href: link(page - 1, accepted) }, '← newer') : '',
      `page ${page} of ${pages}`,
      page < pages ? h('a', { href: link(page + 1, accepted) }, 'older →') : '',
    ),
    table(
      [
        ['Known at', (s) => h('a', { href: `#/signals/${s.id}`, class: 'signal-link' }, s.known_at)],
        ['Symbol', (s) => s.symbol],
        ['TF', (s) => s.timeframe],
        ['Type', (s) => s.type],
        ['Dir', (s) => s.direction],
        ['Score', (s) => fmt(s.score, 2), { num: true }],
        ['Accepted', (s) => (s.accepted ? 'yes' : 'no')],
        ['Rejected by', (s) => s.rejected_by ?? s.denied_by ?? ''],
        [
          'Failing rules',
          (s) =>
            s.verdicts
              .filter((v) => v.status === 'fail')
              .map((v) => `${v.rule} ${v.name}`)
              .join(', '),
        ],
      ],
      r.items,
      { id: 'signals' },
    ),
  );
}

async function signalPage(id) {
  const [s, c] = await Promise.all([api.get(`/signals/${id}`), api.get(`/signals/${id}/chart`)]);
  const chartEl = h('div', { class: 'chart', id: 'signal-chart' });
  clear(view).append(
    h('h1', {}, `Signal #${s.id}: ${s.symbol} ${s.timeframe} ${s.type} ${s.direction}`),
    h(
      'p',
      {},
      `known at ${s.known_at} · score ${fmt(s.score, 2)} · ${s.accepted ? 'accepted' : `rejected by ${s.rejected_by}`}${s.denied_by ? ` · denied by ${s.denied_by}` : ''}`,
    ),
    h('p', {}, `entry ${fmt(s.entry)} · stop ${fmt(s.stop)} · tp1 ${fmt(s.tp1)} · tp2 ${fmt(s.tp2)}`),
    chartEl,
    h('h2', {}, 'Verdicts'),
    table(
      [
        ['Rule', (v) => v.rule, { num: true }],
        ['Name', (v) => v.name],
        ['Status', (v) => h('span', { class: v.status }, v.status)],
        ['Value', (v) => JSON.stringify(v.value)],
        ['Threshold', (v) => JSON.stringify(v.threshold)],
      ],
      s.verdicts,
      { id: 'verdicts' },
    ),
    h('h2', {}, 'LLM review'),
    s.llm
      ? h(
          'pre',
          { id: 'llm' },
          `${s.llm.model} · ${s.llm.status}${s.llm.error ? ` · ${s.llm.error}` : ''}\n${JSON.stringify(s.llm.response, null, 2)}`,
        )
      : h('p', {}, 'none'),
    h('h2', {}, 'Outcome'),
    h(
      'p',
      {},
      s.outcome
        ? `${s.outcome.verdict ?? 'pending'} · +1h ${fmt(s.outcome.price_1h)} · +4h ${fmt(s.outcome.price_4h)} · +24h ${fmt(s.outcome.price_24h)} · +72h ${fmt(s.outcome.price_72h)}`
        : 'not tracked yet',
    ),
  );
  if (c.candles.length > 0) signalChart(chartEl, c);
  else chartEl.append('no closed candles for this signal yet');
}

const PAGES = {
  overview: overviewPage,
  signals: signalsPage,
  orders: ordersPage,
  setups: setupsPage,
  rules: rulesPage,
  backtests: backtestsPage,
  instruments: instrumentsPage,
  health: healthPage,
  settings: settingsPage,
};

export async function route() {
  const [path, query] = (location.hash.slice(1) || '/overview').split('?');
  const parts = path.split('/').filter(Boolean);
  for (const a of nav.querySelectorAll('a'))
    a.classList.toggle('active', a.getAttribute('href') === `#/${parts[0]}`);
  try {
    if (parts[0] === 'signals' && parts[1]) await signalPage(Number(parts[1]));
    else await (PAGES[parts[0]] ?? overviewPage)(new URLSearchParams(query ?? ''));
    nav.hidden = false;
  } catch (e) {
    if (e.status === 401) loginPage();
    else flash(e.message, 'error');
  }
}

document.getElementById('logout').addEventListener('click', async () => {
  await api.logout().catch(() => {});
  loginPage();
});
window.addEventListener('hashchange', () => {
  flash('');
  route();
});
api
  .session()
  .then(route)
  .catch(() => loginPage());
