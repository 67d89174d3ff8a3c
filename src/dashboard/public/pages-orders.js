// Orders with their state history, trades and fills (with CSV export), and setups.

import { api } from './api.js';
import { fmt, h, table } from './dom.js';

export async function ordersPage() {
  const view = document.getElementById('view');
  const [orders, trades, fills] = await Promise.all([
    api.get('/orders?limit=100'),
    api.get('/trades?limit=100'),
    api.get('/fills?limit=100'),
  ]);
  view.replaceChildren(
    h('h1', {}, 'Orders & trades'),
    h(
      'p',
      {},
      h('a', { href: '/api/v1/trades.csv', download: 'divbot-trades.csv', id: 'trades-csv' }, 'Trades CSV'),
      ' · ',
      h('a', { href: '/api/v1/fills.csv', download: 'divbot-fills.csv', id: 'fills-csv' }, 'Fills CSV'),
    ),
    h('h2', {}, `Trades (${trades.total})`),
    table(
      [
        ['Symbol', (t) => t.symbol],
        ['Dir', (t) => t.direction],
        ['Opened', (t) => t.opened_at],
        ['Closed', (t) => t.closed_at],
        ['Entry', (t) => fmt(t.entry_price), { num: true }],
        ['Exit', (t) => fmt(t.exit_price), { num: true }],
        ['P&L', (t) => `${fmt(t.realized_pnl, 2)} ${t.currency}`, { num: true }],
        ['R', (t) => fmt(t.r_multiple, 2), { num: true }],
        ['Exits', (t) => t.exits.map((e) => `${e.reason} ${e.price}`).join(', ')],
      ],
      trades.items,
      { id: 'trades' },
    ),
    h('h2', {}, `Orders (${orders.total})`),
    table(
      [
        ['Created', (o) => o.created_at],
        ['Symbol', (o) => o.symbol],
        ['Side', (o) => o.side],
        ['Kind', (o) => `${o.intent_kind} ${o.kind}${o.ticket ? ` ${o.ticket}` : ''}`],
        ['Qty', (o) => fmt(o.qty), { num: true }],
        ['State', (o) => o.state],
        ['History', (o) => o.history.map((e) => `${e.to} ${e.at}`).join(' → ')],
        ['Reason', (o) => o.reason ?? ''],
      ],
      orders.items,
      { id: 'orders' },
    ),
    h('h2', {}, `Fills (${fills.total})`),
    table(
      [
        ['At', (f) => f.at],
        ['Symbol', (f) => f.symbol],
        ['Side', (f) => f.side],
        ['Qty', (f) => fmt(f.qty), { num: true }],
        ['Price', (f) => fmt(f.price), { num: true }],
        ['Fee', (f) => fmt(f.fee), { num: true }],
      ],
      fills.items,
      { id: 'fills' },
    ),
  );
}

export async function setupsPage() {
  const r = await api.get('/setups?limit=200');
  document.getElementById('view').replaceChildren(
    h('h1', {}, `Setups (${r.total})`),
    table(
      [
        ['Created', (s) => s.created_at],
        ['Symbol', (s) => s.symbol],
        ['Type', (s) => s.type],
        ['Dir', (s) => s.direction],
        ['Stop', (s) => fmt(s.stop), { num: true }],
        ['Status', (s) => s.status],
        ['Expires', (s) => s.expires_at],
        ['Signal', (s) => h('a', { href: `#/signals/${s.signal_id}` }, `#${s.signal_id}`)],
        [
          'Trigger',
          (s) =>
            s.trigger_signal_id
              ? h('a', { href: `#/signals/${s.trigger_signal_id}` }, `#${s.trigger_signal_id}`)
              : '',
        ],
      ],
      r.items,
      { id: 'setups' },
    ),
  );
}
