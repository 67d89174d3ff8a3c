// The one configuration schema: every environment variable of SPEC §17 (and the few this project
// adds), parsed from raw strings into a flat, deeply frozen object keyed by the variable names, so
// `--set KEY=VALUE` maps 1:1 onto it.
import { z } from 'zod';
import {
  BROKER_IDS,
  BROKER_SETTING_KEYS,
  type BrokerSettingKey,
  brokerOverrideVars,
  overrideKey,
  resolveBrokerOverrides,
} from './broker-overrides.js';
import { crossChecks } from './cross-checks.js';
import { collectDashboardUsers, isDashboardUserVariable, lowerCaseKeys } from './dashboard-users.js';
import { deepFreeze } from './freeze.js';
import type { VarMeta } from './var-def.js';
import { brokerVars } from './vars/brokers.js';
import { dashboardVars } from './vars/dashboard.js';
import { executionVars } from './vars/execution.js';
import { generalVars } from './vars/general.js';
import { llmVars } from './vars/llm.js';
import { notifyVars } from './vars/notify.js';
import { riskVars } from './vars/risk.js';
import { dataVars, divergenceVars, validatorVars } from './vars/signals.js';

const DEFINITIONS = {
  ...generalVars,
  ...brokerVars,
  ...dataVars,
  ...divergenceVars,
  ...validatorVars,
  ...riskVars,
  ...executionVars,
  ...llmVars,
  ...notifyVars,
  ...dashboardVars,
  ...brokerOverrideVars,
};

type Definitions = typeof DEFINITIONS;
type Shape = { [K in keyof Definitions]: Definitions[K]['schema'] };
export type VariableName = keyof Definitions;

/** The field holding every `DASHBOARD_USER_<NAME>`; not a variable of its own. */
export const DASHBOARD_USERS_FIELD = 'DASHBOARD_USERS';

const shape = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([name, def]) => [name, def.schema]),
) as Shape;
const FIELD_NAMES: ReadonlySet<string> = new Set(Object.keys(shape));

/**
 * Keep the known variables with a non-blank value: an empty (or all-blank) value counts as unset,
 * so its default applies. `DASHBOARD_USER_<NAME>` entries are gathered into DASHBOARD_USERS.
 */
function normaliseInput(input: unknown): Record<string, unknown> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && value.trim() !== '') present[name] = value;
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(present)) {
    if (FIELD_NAMES.has(name) && name !== DASHBOARD_USERS_FIELD) out[name] = value;
  }
  const users = collectDashboardUsers(present);
  if (Object.keys(users).length > 0) out[DASHBOARD_USERS_FIELD] = users;
  return out;
}

const fields = z.object(shape);
type Parsed = z.output<typeof fields>;

function finish(parsed: Parsed) {
  return deepFreeze({
    ...resolveBrokerOverrides(parsed),
    DASHBOARD_USERS: lowerCaseKeys(parsed.DASHBOARD_USERS),
  });
}

export const configSchema = z.preprocess(
  normaliseInput,
  // `when`: run the cross-field checks even when some field failed, so one run reports everything.
  fields.superRefine((value, ctx) => crossChecks(value, ctx), { when: () => true }).transform(finish),
);

/** The parsed configuration: flat, keyed by variable name, deeply frozen. */
export type Config = z.output<typeof configSchema>;

/** Every variable in display order: each per-broker variant right after its base variable. */
export const VARIABLES: ReadonlyArray<{ readonly name: string; readonly meta: VarMeta }> = (() => {
  const overrides = new Set<string>(Object.keys(brokerOverrideVars));
  const list: { name: string; meta: VarMeta }[] = [];
  for (const [name, def] of Object.entries(DEFINITIONS)) {
    if (overrides.has(name)) continue;
    list.push({ name, meta: def.meta });
    if ((BROKER_SETTING_KEYS as readonly string[]).includes(name)) {
      for (const broker of BROKER_IDS) {
        const variant = overrideKey(name as BrokerSettingKey, broker);
        list.push({ name: variant, meta: brokerOverrideVars[variant].meta });
      }
    }
  }
  return Object.freeze(list);
})();

const META = new Map(VARIABLES.map((v) => [v.name, v.meta]));

export function variableMeta(name: string): VarMeta | undefined {
  return META.get(name) ?? (isDashboardUserVariable(name) ? META.get(DASHBOARD_USERS_FIELD) : undefined);
}

/** Whether `name` is a configuration variable (what `--set` accepts). */
export function isKnownVariable(name: string): boolean {
  return (FIELD_NAMES.has(name) && name !== DASHBOARD_USERS_FIELD) || isDashboardUserVariable(name);
}
