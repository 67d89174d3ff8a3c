import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCollector } from '../alerts/metrics-feed.js';
import { openStore } from '../store/open.js';
import { recordSnapshot } from '../store/snapshots-repo.js';
import type { Store } from '../store/store.js';
import { CONTENT_TYPE, formatExposition, Metrics } from './metrics.js';

interface Parsed {
  readonly types: Map<string, string>;
  readonly samples: { name: string; labels: Record<string, string>; value: number }[];
}

/** A strict reader of the text format 0.0.4: every line is HELP, TYPE or a sample of a declared family. */
function parseExposition(text: string): Parsed {
  expect(text.endsWith('\n'), 'the exposition ends with a newline').toBe(true);
  const types = new Map<string, string>();
  const samples: Parsed['samples'] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (help) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary|histogram|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1]!), `${type[1]} declared once`).toBe(false);
      types.set(type[1]!, type[2]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    expect(m, `a valid sample line: ${line}`).not.toBeNull();
    const [, name, rawLabels, value] = m!;
    const family = [...types.keys()].find((f) => name === f || name === `${f}_sum` || name === `${f}_count`);
    expect(family, `${name} belongs to a declared family`).toBeDefined();
    const labels: Record<string, string> = {};
    if (rawLabels) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
      let consumed = 0;
      for (let l = re.exec(rawLabels); l; l = re.exec(rawLabels)) {
        labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        consumed = re.lastIndex;
      }
      expect(consumed, `labels fully parsed: ${rawLabels}`).toBe(rawLabels.length);
    }
    samples.push({ name: name!, labels, value: Number(value) });
  }
  return { types, samples };
}

const value = (p: Parsed, name: string, labels: Record<string, string> = {}) =>
  p.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
});
afterAll(() => store?.close());

describe('GET /metrics', () => {
  it('answers in the Prometheus text format before the instance exists, and with its figures after', async () => {
    const metrics = new Metrics();
    const app = Fastify();
    metrics.plugin(app);
    await app.ready();
    const early = await app.inject({ method: 'GET', url: '/metrics' });
    expect(early.statusCode).toBe(200);
    expect(early.headers['content-type']).toBe(CONTENT_TYPE);
    expect(value(parseExposition(early.body), 'divbot_metrics_collector_errors_total')).toBe(0);

    metrics.observe('divbot_job_duration_seconds', 'Job run durations', 0.25, { job: 'analysis' });
    metrics.observe('divbot_job_duration_seconds', 'Job run durations', 0.75, { job: 'analysis' });
    metrics.inc('divbot_venue_errors_total', 'Venue errors', { broker: 'oanda' });
    metrics.set('divbot_cycle_duration_seconds', 'The last cycle', 0.75);
    await recordSnapshot(store, {
      at: 1,
      currency: 'USD',
      equity: 9_000,
      balance: 9_000,
      unrealizedPnl: 0,
      openRisk: 0,
      state: 'ACTIVE',
      brokers: {},
    });
    metrics.addCollector(storeCollector(store, 'live'));
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    const p = parseExposition(res.body);
    expect(p.types.get('divbot_job_duration_seconds')).toBe('summary');
    expect(value(p, 'divbot_job_duration_seconds_sum', { job: 'analysis' })).toBe(1);
    expect(value(p, 'divbot_job_duration_seconds_count', { job: 'analysis' })).toBe(2);
    expect(value(p, 'divbot_venue_errors_total', { broker: 'oanda' })).toBe(1);
    expect(value(p, 'divbot_cycle_duration_seconds')).toBe(0.75);
    expect(value(p, 'divbot_equity', { currency: 'USD' })).toBe(9_000);
    expect(value(p, 'divbot_trading_state', { state: 'ACTIVE' })).toBe(1);
    expect(value(p, 'divbot_llm_cost_usd_total')).toBe(0);
    expect(p.types.get('divbot_signals_total')).toBe('counter');
    expect(p.types.get('divbot_orders')).toBe('gauge');
    await app.close();
  });

  it('a failing collector leaves its figures out and is counted, the rest still answers', async () => {
    const metrics = new Metrics();
    metrics.addCollector(async () => {
      throw new Error('store closed');
    });
    metrics.set('divbot_x', 'x', 1);
    const p = parseExposition(await metrics.render());
    expect(value(p, 'divbot_x')).toBe(1);
    expect(value(p, 'divbot_metrics_collector_errors_total')).toBe(1);
  });

  it('escapes label values and refuses invalid names', () => {
    const text = formatExposition([
      {
        name: 'divbot_a',
        help: 'line\nbreak',
        type: 'gauge',
        samples: [{ labels: { reason: 'say "hi"\\\n' }, value: Number.NaN }],
      },
    ]);
    const p = parseExposition(text);
    expect(p.samples[0]!.labels.reason).toBe('say "hi"\\\n');
    expect(Number.isNaN(p.samples[0]!.value)).toBe(true);
    const m = new Metrics();
    expect(() => m.set('bad-name', 'x', 1)).toThrow('bad-name');
    expect(() =>
      formatExposition([
        { name: 'ok', help: '', type: 'gauge', samples: [{ labels: { 'bad-label': 'v' }, value: 1 }] },
      ]),
    ).toThrow('bad-label');
  });
});
