// SPEC §17: MIN_CONFIDENCE, MAX_OPEN_POSITIONS, MAX_CORRELATION_EXPOSURE and RISK_PER_TRADE_PCT
// accept a per-broker variant (`_BINANCE`, `_OANDA`, `_IG`). The parsed config holds every variant
// resolved (explicit variant, else the base, else the broker's own default), so the dashboard and
// `config check` show the value each broker really uses.
import { integerField, numberField } from './fields.js';
import { type Group, optionalSetting, type VarDef } from './var-def.js';

export const BROKER_IDS = ['binance', 'oanda', 'ig'] as const;
export type BrokerName = (typeof BROKER_IDS)[number];

export const BROKER_TITLES: Readonly<Record<BrokerName, string>> = {
  binance: 'Binance',
  oanda: 'OANDA',
  ig: 'IG',
};

export const BROKER_SETTING_KEYS = [
  'MIN_CONFIDENCE',
  'MAX_OPEN_POSITIONS',
  'MAX_CORRELATION_EXPOSURE',
  'RISK_PER_TRADE_PCT',
] as const;
export type BrokerSettingKey = (typeof BROKER_SETTING_KEYS)[number];

export type BrokerOverrideKey = `${BrokerSettingKey}_${Uppercase<BrokerName>}`;

/** The base fields, shared by the base variable and its per-broker variants. */
export const brokerSettingFields = {
  MIN_CONFIDENCE: () => numberField({ min: 0, max: 1 }),
  MAX_OPEN_POSITIONS: () => integerField({ min: 1 }),
  MAX_CORRELATION_EXPOSURE: () => integerField({ min: 1 }),
  RISK_PER_TRADE_PCT: () => numberField({ gt: 0, max: 100 }),
} as const;

const GROUP_OF: Readonly<Record<BrokerSettingKey, Group>> = {
  MIN_CONFIDENCE: 'validator',
  MAX_OPEN_POSITIONS: 'risk',
  MAX_CORRELATION_EXPOSURE: 'risk',
  RISK_PER_TRADE_PCT: 'risk',
};

/** SPEC §9: the only per-broker defaults; the other keys fall back to their base variable. */
export const MAX_OPEN_POSITIONS_DEFAULTS: Readonly<Record<BrokerName, number>> = {
  binance: 2,
  oanda: 5,
  ig: 5,
};

export function overrideKey(key: BrokerSettingKey, broker: BrokerName): BrokerOverrideKey {
  return `${key}_${broker.toUpperCase() as Uppercase<BrokerName>}`;
}

function overrideDef(key: BrokerSettingKey, broker: BrokerName) {
  const fallback =
    key === 'MAX_OPEN_POSITIONS'
      ? `(MAX_OPEN_POSITIONS, else ${MAX_OPEN_POSITIONS_DEFAULTS[broker]})`
      : `(${key})`;
  return optionalSetting(brokerSettingFields[key](), {
    group: GROUP_OF[key],
    meaning: `${key} for ${BROKER_TITLES[broker]} only`,
    defaultProse: fallback,
  });
}

type OverrideDefs = { [K in BrokerOverrideKey]: VarDef<ReturnType<typeof overrideDef>['schema']> };

export const brokerOverrideVars: OverrideDefs = Object.fromEntries(
  BROKER_SETTING_KEYS.flatMap((key) =>
    BROKER_IDS.map((broker) => [overrideKey(key, broker), overrideDef(key, broker)]),
  ),
) as OverrideDefs;

type BaseValues = { readonly [K in BrokerSettingKey]?: number } & {
  readonly [K in BrokerOverrideKey]?: number;
};
export type ResolvedOverrides<T> = Omit<T, BrokerOverrideKey> & { [K in BrokerOverrideKey]: number };

/** Fill in every per-broker variant: explicit variant ?? base ?? broker default. */
export function resolveBrokerOverrides<T extends BaseValues>(values: T): ResolvedOverrides<T> {
  const out: Record<string, unknown> = { ...values };
  for (const key of BROKER_SETTING_KEYS) {
    for (const broker of BROKER_IDS) {
      const name = overrideKey(key, broker);
      const fallback = key === 'MAX_OPEN_POSITIONS' ? MAX_OPEN_POSITIONS_DEFAULTS[broker] : undefined;
      out[name] = values[name] ?? values[key] ?? fallback;
    }
  }
  return out as ResolvedOverrides<T>;
}

/** The value `broker` uses for `key`: its own variable when set, else the base one. */
export function brokerSetting(
  config: { readonly [K in BrokerOverrideKey]: number },
  key: BrokerSettingKey,
  broker: BrokerName,
): number {
  return config[overrideKey(key, broker)];
}
