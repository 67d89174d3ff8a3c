import { defaultRegistry } from '../../domain/instruments/index.js';
import { emit } from '../output.js';

/** The registry as shipped (venue refreshes at start-up apply to the running instance only). */
export async function instrumentsListCommand(opts: { json?: boolean }): Promise<void> {
  const rows = defaultRegistry.all().map((i) => ({
    symbol: i.id,
    broker: i.broker,
    asset_class: i.assetClass,
    venue_symbol: i.venueSymbol,
    data_source: i.dataSource,
    yahoo_ticker: i.yahooTicker ?? null,
    quote_currency: i.quoteCurrency,
    tick_size: i.tickSize,
    size_step: i.sizeStep,
    min_size: i.minSize,
    can_short: i.canShort,
    volume_known: i.volumeKnown,
    max_leverage: i.maxLeverage,
    session: i.session.name,
    correlation: i.correlation.map((g) => `${g.sign > 0 ? '+' : '-'}${g.group}`).join(' '),
  }));
  await emit(rows, () => table(rows), { json: opts.json === true });
}

function table(rows: ReadonlyArray<Record<string, unknown>>): string {
  const cols = [
    'symbol',
    'broker',
    'asset_class',
    'venue_symbol',
    'quote_currency',
    'tick_size',
    'size_step',
    'min_size',
    'can_short',
    'session',
  ];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(cols), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}
