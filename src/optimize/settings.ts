// The configuration every optimiser backtest shares, as raw values: what the environment, .env and
// `--set` say about trading (data, signals, validator, risk, execution and general settings), and
// nothing else. Secrets, URLs, broker, LLM, alert and dashboard settings play no part in a
// backtest, and these values travel to worker threads and through Redis to other machines.
import { variableMeta } from '../config/schema.js';
import type { Group } from '../config/var-def.js';
import type { Settings } from './params.js';

const TRADING_GROUPS: ReadonlySet<Group> = new Set([
  'general',
  'data',
  'divergence',
  'validator',
  'risk',
  'execution',
]);

export function tradingSettings(values: Readonly<Record<string, string>>): Settings {
  const out: Record<string, string> = {};
  for (const name of Object.keys(values).sort()) {
    const meta = variableMeta(name);
    if (meta === undefined || meta.secret || meta.urlMask !== undefined || !TRADING_GROUPS.has(meta.group))
      continue;
    if (name.startsWith('DASHBOARD_USER_')) continue;
    out[name] = values[name]!;
  }
  return out;
}
