export { BROKER_IDS, type BrokerName, type BrokerSettingKey, brokerSetting } from './broker-overrides.js';
export { type ConfigCheckResult, configCheck } from './check.js';
export { instrumentSelection } from './instrument-selection.js';
export { enabledBrokers, liveConfigIssues, missingBrokerSecrets, venueBaseUrl } from './live.js';
export { loadConfig, parseSetFlags, readDotenvFile } from './load.js';
export { MASK, maskedConfig, maskUrl, secretValues } from './mask.js';
export { type Config, configSchema, isKnownVariable, VARIABLES, variableMeta } from './schema.js';
export { configTableMarkdown } from './table.js';
