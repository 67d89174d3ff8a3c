// Public surface of the instrument registry; import from here rather than from the parts.
export * from './correlation.js';
export * from './costs.js';
export * from './financing.js';
export * from './fx-rates.js';
export { NYSE_CALENDAR_YEARS } from './nyse-holidays.js';
export * from './registry.js';
export * from './session-schedules.js';
export * from './sessions.js';
export * from './types.js';
export { instrumentProblems } from './validate.js';
